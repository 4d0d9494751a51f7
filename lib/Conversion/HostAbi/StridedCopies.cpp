//===- StridedCopies.cpp - non-contiguous memref.copy to linalg.copy ------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinTypes.h"

namespace hwq {
#define GEN_PASS_DEF_HWQEXPANDSTRIDEDCOPIESPASS
#include "hwq/Conversion/Passes.h.inc"
} // namespace hwq

using namespace mlir;

/// True when finalize-memref-to-llvm turns a copy from or to `type` into a
/// call to the runtime's memrefCopy: any layout other than the identity.
static bool needsRuntimeCopy(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return !memref || !memref.getLayout().isIdentity();
}

namespace {
struct HwqExpandStridedCopiesPass
    : hwq::impl::HwqExpandStridedCopiesPassBase<HwqExpandStridedCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) {
      if (needsRuntimeCopy(copy.getSource().getType()) ||
          needsRuntimeCopy(copy.getTarget().getType()))
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      OpBuilder builder(copy);
      linalg::CopyOp::create(builder, copy.getLoc(),
                             ValueRange{copy.getSource()},
                             ValueRange{copy.getTarget()});
      copy.erase();
    }
  }
};
} // namespace
