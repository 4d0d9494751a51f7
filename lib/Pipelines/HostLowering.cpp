//===- HostLowering.cpp - the host lowering pipeline ----------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Pipelines/Pipelines.h"

#include "hwq/Codegen/Common/PackedContraction.h"
#include "hwq/Codegen/X86/MicroKernels.h"
#include "hwq/Conversion/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void hwq::buildHostLoweringPipeline(OpPassManager &pm,
                                    const HostLoweringOptions &options) {
  // The x86 code generator (docs/performance.md): packed contractions before
  // the realized ops are lowered, micro-kernels after bufferization.
  bool x86 = options.codegen == "x86" || options.codegen == "auto";
  std::optional<x86::DotIsa> isa = x86::parseDotIsa(options.x86Isa);
  if (!isa)
    isa = x86::getHostDotIsa();

  // Signatures, realized integer ops, float TOSA.
  pm.addPass(createHwqPrepareHostAbiPass());
  if (x86) {
    codegen::HwqPackContractionsPassOptions pack;
    pack.kGroup = 4;
    pack.nBlock = x86::getPreferredNBlock(*isa);
    pack.lhs = "unsigned";
    pack.packFloat = true;
    pack.floatNBlock = *isa == x86::DotIsa::Avx512Vnni ? 64 : 16;
    pack.targetPrefix = options.codegen == "auto" ? "x86" : "";
    pm.addPass(codegen::createHwqPackContractionsPass(pack));
  }
  pm.addPass(createHwqConvertRealizedToLinalgPass());
  if (options.afterRealizedLowering)
    options.afterRealizedLowering(pm);
  // No TOSA validation: the inputs were verified; its level checks reject
  // valid graphs (e.g. the rank-8 padding shape of a rank-4 tosa.pad).
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions(),
                              TosaToLinalgNamedOptions(),
                              /*validationOptions=*/std::nullopt);
  pm.addNestedPass<func::FuncOp>(createTosaToTensorPass());
  TosaToArithPassOptions arithOptions;
  arithOptions.includeApplyRescale = true;
  pm.addNestedPass<func::FuncOp>(createTosaToArithPass(arithOptions));

  // Precision, then the simulation ops (they read the widened types).
  if (options.floatPrecision != FloatPrecision::Native) {
    HwqWidenFloatPassOptions widen;
    widen.onlySimulated = options.floatPrecision == FloatPrecision::Auto;
    pm.addNestedPass<func::FuncOp>(createHwqWidenFloatPass(widen));
  }
  pm.addNestedPass<func::FuncOp>(createHwqConvertSimToLinalgPass());
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  pm.addNestedPass<func::FuncOp>(codegen::createHwqFuseElementwisePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Buffers: read-only arguments, results in caller buffers, no leaks.
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addNestedPass<func::FuncOp>(createHwqDistinctResultsPass());
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addPass(createHwqExpandStridedCopiesPass());
  pm.addPass(createCanonicalizerPass());
  if (x86) {
    x86::HwqX86MicroKernelsPassOptions kernels;
    kernels.isa = options.x86Isa;
    pm.addNestedPass<func::FuncOp>(x86::createHwqX86MicroKernelsPass(kernels));
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
  if (options.afterBufferization)
    options.afterBufferization(pm);
  if (!options.lowerToLLVM)
    return;

  // Loops and the LLVM dialect.
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  ConvertFuncToLLVMPassOptions funcOptions;
  funcOptions.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcOptions));
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void hwq::buildX86LoweringPipeline(OpPassManager &pm,
                                   const HostLoweringOptions &options) {
  HostLoweringOptions x86Options;
  x86Options.floatPrecision = options.floatPrecision.getValue();
  x86Options.lowerToLLVM = options.lowerToLLVM.getValue();
  x86Options.x86Isa = options.x86Isa.getValue();
  x86Options.codegen = "x86";
  buildHostLoweringPipeline(pm, x86Options);
}

void hwq::registerHwqPipelines() {
  registerHwqConversionPasses();
  codegen::registerHwqCodegenCommonPasses();
  x86::registerHwqCodegenX86Passes();
  PassPipelineRegistration<HostLoweringOptions>(
      "hwq-lower-x86",
      "The host lowering with the x86 int8 micro-kernels "
      "(docs/performance.md)",
      buildX86LoweringPipeline);
  PassPipelineRegistration<HostLoweringOptions>(
      "hwq-host-lowering",
      "Lower TOSA, hwq.sim_quantize and realized hwq ops to the LLVM dialect "
      "for host execution (docs/HostExecution.md)",
      buildHostLoweringPipeline);
}

void hwq::registerHostLoweringDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}
