//===- HostAbi.cpp - signatures of host-compiled functions ----------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-prepare-host-abi: every argument and result of a compiled function is
// a static-shaped tensor of an element type the host runtime carries; the
// arguments are read-only for bufferization.
//
//===----------------------------------------------------------------------===//

#include "hwq/Conversion/Passes.h"

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace hwq {
#define GEN_PASS_DEF_HWQPREPAREHOSTABIPASS
#define GEN_PASS_DEF_HWQDISTINCTRESULTSPASS
#include "hwq/Conversion/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

/// True for the element types a host buffer can hold.
static bool isHostElementType(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return floatType.isF16() || floatType.isF32() || floatType.isF64();
  if (auto intType = dyn_cast<IntegerType>(type))
    return intType.isSignless() && intType.getWidth() <= 64;
  return static_cast<bool>(getUniformElementType(type));
}

/// Checks one argument or result type; reports on `func`.
static LogicalResult checkHostType(func::FuncOp func, Type type, StringRef what,
                                   unsigned index) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return func.emitOpError() << what << " #" << index << " has type " << type
                              << "; host execution needs ranked tensors";
  if (!tensorType.hasStaticShape())
    return func.emitOpError() << what << " #" << index << " has type " << type
                              << "; host execution needs static shapes";
  if (!isHostElementType(tensorType.getElementType()))
    return func.emitOpError()
           << what << " #" << index << " has element type "
           << tensorType.getElementType()
           << "; host execution supports f16, f32, f64, signless integers "
              "and per-tensor or per-axis !quant.uniform";
  return success();
}

namespace {
struct HwqPrepareHostAbiPass
    : hwq::impl::HwqPrepareHostAbiPassBase<HwqPrepareHostAbiPass> {
  void runOnOperation() override {
    bool failedAny = false;
    StringAttr writable = StringAttr::get(
        &getContext(), bufferization::BufferizationDialect::kWritableAttrName);
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      // One error per function: the first argument or result that fails.
      FunctionType type = func.getFunctionType();
      LogicalResult checked = success();
      for (auto [i, input] : llvm::enumerate(type.getInputs()))
        if (succeeded(checked))
          checked = checkHostType(func, input, "argument", i);
      for (auto [i, result] : llvm::enumerate(type.getResults()))
        if (succeeded(checked))
          checked = checkHostType(func, result, "result", i);
      failedAny |= failed(checked);
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        func.setArgAttr(i, writable, BoolAttr::get(&getContext(), false));
    }
    if (failedAny)
      signalPassFailure();
  }
};

struct HwqDistinctResultsPass
    : hwq::impl::HwqDistinctResultsPassBase<HwqDistinctResultsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> seen;
      OpBuilder builder(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value value = operand.get();
        auto type = dyn_cast<RankedTensorType>(value.getType());
        if (!type || !type.hasStaticShape() || seen.insert(value).second)
          continue;
        operand.set(bufferization::AllocTensorOp::create(
            builder, ret.getLoc(), type, ValueRange(), value));
      }
    });
  }
};
} // namespace
