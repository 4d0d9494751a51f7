//===- Pipeline.cpp - the AArch64 lowering pipeline -----------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/ARM/Pipeline.h"

#include "KernelSelection.h"
#include "hwq/Codegen/ARM/Passes.h"

#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/ArmNeon/ArmNeonDialect.h"
#include "mlir/Dialect/ArmSVE/IR/ArmSVEDialect.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/ArmNeon/ArmNeonToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/ArmSVE/ArmSVEToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::arm;

ArmKernel arm::selectArmKernel(StringRef features) {
  SmallVector<StringRef> list;
  features.split(list, ',', -1, /*KeepEmpty=*/false);
  bool sve = false, i8mm = false, dotprod = false;
  for (StringRef feature : list) {
    feature = feature.trim();
    sve |= feature == "+sve" || feature == "+sve2";
    i8mm |= feature == "+i8mm";
    dotprod |= feature == "+dotprod";
  }
  if (sve && i8mm)
    return ArmKernel::SVE;
  if (i8mm)
    return ArmKernel::I8MM;
  if (dotprod)
    return ArmKernel::DotProd;
  return ArmKernel::Neon;
}

StringRef arm::getArmKernelName(ArmKernel kernel) {
  switch (kernel) {
  case ArmKernel::Neon:
    return "neon";
  case ArmKernel::DotProd:
    return "dotprod";
  case ArmKernel::I8MM:
    return "i8mm";
  case ArmKernel::SVE:
    return "sve";
  }
  return "neon";
}

std::optional<ArmKernel> arm::parseArmKernel(StringRef name) {
  return llvm::StringSwitch<std::optional<ArmKernel>>(name)
      .Case("neon", ArmKernel::Neon)
      .Case("dotprod", ArmKernel::DotProd)
      .Case("i8mm", ArmKernel::I8MM)
      .Case("sve", ArmKernel::SVE)
      .Default(std::nullopt);
}

FailureOr<ArmKernel> arm::resolveArmKernel(StringRef option, Operation *op) {
  if (option != "auto") {
    std::optional<ArmKernel> kernel = parseArmKernel(option);
    if (!kernel)
      return op->emitError() << "unknown ARM kernel '" << option
                             << "' (expected auto, neon, dotprod, i8mm or sve)";
    return *kernel;
  }
  if (TargetAttr target = TargetAttr::lookup(op))
    return selectArmKernel(target.getFeatures());
  return ArmKernel::Neon;
}

/// The late passes: micro-kernels, then (when lowering to LLVM) the vector
/// and ARM dialects to LLVM intrinsics.
static void addLatePasses(OpPassManager &pm, StringRef kernel, bool toLLVM,
                          bool sve) {
  HwqArmLowerMmt4dPassOptions lower;
  lower.kernel = kernel.str();
  pm.addNestedPass<func::FuncOp>(createHwqArmLowerMmt4dPass(lower));
  pm.addPass(createCanonicalizerPass());
  if (!toLLVM)
    return;
  ConvertVectorToLLVMPassOptions vector;
  vector.armNeon = true;
  vector.armSVE = sve;
  pm.addPass(createConvertVectorToLLVMPass(vector));
}

void arm::configureArmLowering(HostLoweringOptions &options, ArmKernel kernel) {
  std::string name = getArmKernelName(kernel).str();
  bool toLLVM = options.lowerToLLVM;
  // No x86 micro-kernels in AArch64 code.
  options.codegen = "plain";
  options.afterRealizedLowering = [name](OpPassManager &pm) {
    HwqArmPackContractionsPassOptions pack;
    pack.kernel = name;
    pm.addNestedPass<func::FuncOp>(createHwqArmPackContractionsPass(pack));
  };
  options.afterBufferization = [name, toLLVM, kernel](OpPassManager &pm) {
    addLatePasses(pm, name, toLLVM, kernel == ArmKernel::SVE);
  };
}

void arm::buildArmLoweringPipeline(OpPassManager &pm,
                                   const ArmLoweringOptions &options) {
  HostLoweringOptions host;
  host.lowerToLLVM = options.lowerToLLVM;
  host.codegen = "plain";
  std::string name = options.kernel;
  bool toLLVM = options.lowerToLLVM;
  host.afterRealizedLowering = [name](OpPassManager &pm) {
    HwqArmPackContractionsPassOptions pack;
    pack.kernel = name;
    pm.addNestedPass<func::FuncOp>(createHwqArmPackContractionsPass(pack));
  };
  // With kernel=auto the SVE legalization is always added (it is a no-op
  // without arm_sve ops).
  bool sve = name == "sve" || name == "auto";
  host.afterBufferization = [name, toLLVM, sve](OpPassManager &pm) {
    addLatePasses(pm, name, toLLVM, sve);
  };
  buildHostLoweringPipeline(pm, host);
}

void arm::registerArmCodegenPasses() {
  registerHwqArmCodegenPasses();
  PassPipelineRegistration<ArmLoweringOptions>(
      "hwq-lower-arm",
      "The host lowering with the AArch64 int8 micro-kernels (sdot, smmla, "
      "SVE smmla, plain NEON) for realized contractions (docs/ARM.md)",
      buildArmLoweringPipeline);
}

void arm::registerArmCodegenDialects(DialectRegistry &registry) {
  registry.insert<arm_neon::ArmNeonDialect, arm_sve::ArmSVEDialect>();
  registerArmNeonDialectTranslation(registry);
  registerArmSVEDialectTranslation(registry);
}
