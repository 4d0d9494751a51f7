//===- Pipeline.cpp - the hwq-lower-nvidia pipeline and PTX emission ------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/NVIDIA/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::nvidia;

namespace {
struct LowerNvidiaOptions : public PassPipelineOptions<LowerNvidiaOptions> {
  Option<std::string> arch{*this, "arch",
                           llvm::cl::desc("sm_75, sm_80 or sm_90 (default: "
                                          "the module's #hwq.target)"),
                           llvm::cl::init("")};
  Option<bool> emulate{
      *this, "emulate",
      llvm::cl::desc("Host loops with emulated dp4a / mma.sync"),
      llvm::cl::init(false)};
};
} // namespace

FailureOr<std::string> nvidia::emitPTX(ModuleOp module,
                                       const NvidiaArch &arch,
                                       bool barePointers) {
  MLIRContext *context = module.getContext();
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerGPUDialectTranslation(registry);
  registerNVVMDialectTranslation(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  context->appendDialectRegistry(registry);

  // Outline the kernels (with the constants they read), then lower a
  // module that holds only the kernel modules.
  // No canonicalization before outlining: it would fold the loads of
  // bufferization.to_buffer into tensor.extract inside the kernels.
  PassManager outline(context);
  outline.addPass(createGpuKernelOutliningPass());
  if (failed(outline.run(module)))
    return failure();
  // Kernel names: each outlined gpu.module has a unique name, its kernel
  // may not (two launches in one function both give "<func>_kernel"), so
  // every kernel takes its module's name, launches included.
  for (auto gpuModule : module.getOps<gpu::GPUModuleOp>()) {
    StringRef name = gpuModule.getName();
    for (auto kernel : gpuModule.getOps<gpu::GPUFuncOp>()) {
      if (!kernel.isKernel() || kernel.getName() == name)
        continue;
      kernel.setName(name);
    }
  }
  module.walk([&](gpu::LaunchFuncOp launch) {
    StringRef moduleName = launch.getKernelModuleName();
    launch.setKernelAttr(SymbolRefAttr::get(
        context, moduleName,
        {FlatSymbolRefAttr::get(context, moduleName)}));
  });

  // One PTX module: the kernels (and the constants they read) of every
  // outlined gpu.module, merged into one.
  OwningOpRef<ModuleOp> device = ModuleOp::create(module.getLoc());
  OpBuilder b(device->getBody(), device->getBody()->end());
  auto merged = gpu::GPUModuleOp::create(b, module.getLoc(), "hwq_kernels");
  SymbolTable mergedSymbols(merged);
  bool any = false;
  for (auto gpuModule : module.getOps<gpu::GPUModuleOp>()) {
    for (Operation &op : gpuModule.getBody()->getOperations()) {
      if (op.hasTrait<OpTrait::IsTerminator>())
        continue;
      if (auto symbol = dyn_cast<SymbolOpInterface>(op))
        if (mergedSymbols.lookup(symbol.getName()))
          continue; // a constant another kernel copied already
      mergedSymbols.insert(op.clone());
      any = true;
    }
  }
  if (!any)
    return std::string();

  PassManager pm(context);
  gpu::GPUToNVVMPipelineOptions options;
  options.cubinChip = arch.getChip();
  options.cubinFeatures = arch.getFeatures();
  options.cubinFormat = "isa";
  options.optLevel = 3;
  options.kernelUseBarePtrCallConv = barePointers;
  gpu::buildLowerToNVVMPassPipeline(pm, options);
  if (failed(pm.run(*device)))
    return failure();
  std::string ptx;
  for (auto binary : device->getOps<gpu::BinaryOp>())
    for (Attribute object : binary.getObjects())
      ptx += cast<gpu::ObjectAttr>(object).getObject().getValue().str();
  if (ptx.empty())
    return emitError(module.getLoc())
           << "NVIDIA code generation: no PTX was produced";
  return ptx;
}

FailureOr<std::string> nvidia::compileKernelsToPTX(ModuleOp module,
                                                   StringRef arch) {
  FailureOr<NvidiaArch> target = getModuleArch(module, arch);
  if (failed(target))
    return failure();
  PassManager pm(module.getContext());
  HwqNvidiaMapContractionsPassOptions options;
  options.arch = target->getChip();
  pm.addPass(createHwqNvidiaMapContractionsPass(options));
  if (failed(pm.run(module)))
    return failure();
  return emitPTX(module, *target);
}

void nvidia::registerNvidiaPasses() {
  registerHwqNvidiaPasses();
  PassPipelineRegistration<LowerNvidiaOptions>(
      "hwq-lower-nvidia",
      "Map realized contractions onto int8 GPU kernels for an nvidia-* "
      "target (or, with emulate=true, onto their host emulation), then "
      "outline the kernels (docs/NVIDIA.md)",
      [](OpPassManager &pm, const LowerNvidiaOptions &options) {
        HwqNvidiaMapContractionsPassOptions map;
        map.arch = options.arch;
        map.emulate = options.emulate;
        pm.addPass(createHwqNvidiaMapContractionsPass(map));
        if (!options.emulate)
          pm.addPass(createGpuKernelOutliningPass());
      });
}
