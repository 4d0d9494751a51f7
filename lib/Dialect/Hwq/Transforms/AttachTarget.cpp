//===- AttachTarget.cpp - attach a target file to the module ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Target/TargetDescription.h"

namespace hwq {
#define GEN_PASS_DEF_HWQATTACHTARGETPASS
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

namespace {
struct AttachTargetPass
    : public hwq::impl::HwqAttachTargetPassBase<AttachTargetPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty()) {
      module.emitError("hwq-attach-target needs a target file (file=PATH)");
      return signalPassFailure();
    }
    FailureOr<TargetAttr> target =
        parseTargetDescriptionFile(file, module.getContext());
    if (failed(target))
      return signalPassFailure();
    module->setAttr(HwqDialect::getTargetAttrName(), *target);
  }
};
} // namespace
