//===- HostCompiler.cpp - compile functions for the host ------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/ExecutionEngine/HostCompiler.h"

#include "hwq/Reference/Evaluator.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace mlir;
using namespace hwq;

int64_t HostTensorSignature::getNumElements() const {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

FailureOr<HostFunctionSignature>
hwq::getHostFunctionSignature(func::FuncOp func) {
  HostFunctionSignature signature;
  auto read = [&](Type type, StringRef what, unsigned index,
                  SmallVectorImpl<HostTensorSignature> &into) -> LogicalResult {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    if (!tensorType || !tensorType.hasStaticShape())
      return func.emitError() << what << " #" << index << " of @"
                              << func.getSymName() << " has type " << type
                              << "; compiled functions take and return "
                                 "static-shaped ranked tensors";
    FailureOr<runtime::ElementKind> kind =
        ref::getRuntimeElementKind(tensorType.getElementType());
    if (failed(kind))
      return func.emitError()
             << what << " #" << index << " of @" << func.getSymName()
             << ": element type " << tensorType.getElementType()
             << " has no runtime representation";
    HostTensorSignature entry;
    entry.kind = *kind;
    entry.shape.assign(tensorType.getShape().begin(),
                       tensorType.getShape().end());
    llvm::raw_string_ostream os(entry.elementType);
    os << tensorType.getElementType();
    into.push_back(std::move(entry));
    return success();
  };
  FunctionType type = func.getFunctionType();
  for (auto [i, input] : llvm::enumerate(type.getInputs()))
    if (failed(read(input, "argument", i, signature.inputs)))
      return failure();
  for (auto [i, result] : llvm::enumerate(type.getResults()))
    if (failed(read(result, "result", i, signature.results)))
      return failure();
  return signature;
}

FailureOr<OwningOpRef<ModuleOp>>
hwq::lowerFunctionForHost(func::FuncOp func, StringRef symbolName,
                          const HostLoweringOptions &options) {
  MLIRContext *context = func.getContext();
  StringRef codegen = options.codegen;
  if (codegen != "auto" && codegen != "x86" && codegen != "plain")
    return func.emitError()
           << "unknown code generator '" << codegen << "' (auto, x86 or plain)";
  DialectRegistry registry;
  registerHostLoweringDialects(registry);
  context->appendDialectRegistry(registry);

  // The function, alone and public, in a copy of its module.
  OwningOpRef<ModuleOp> module;
  if (auto parent = func->getParentOfType<ModuleOp>()) {
    module = parent.clone();
  } else {
    module = ModuleOp::create(func.getLoc());
    module->push_back(func.clone());
  }
  func::FuncOp copy;
  for (auto candidate : module->getOps<func::FuncOp>()) {
    if (candidate.getSymName() == func.getSymName())
      copy = candidate;
    else
      candidate.setPrivate();
  }
  if (!copy || copy.isExternal())
    return func.emitError()
           << "@" << func.getSymName() << " has no body to compile";
  copy.setPublic();
  if (symbolName != copy.getSymName()) {
    SymbolTable symbols(*module);
    if (symbols.lookup(symbolName))
      return func.emitError() << "cannot name the compiled function '"
                              << symbolName << "': the symbol exists";
    if (failed(symbols.rename(copy, symbolName)))
      return func.emitError() << "cannot rename @" << func.getSymName();
  }

  PassManager pm(context);
  pm.addPass(createSymbolDCEPass());
  buildHostLoweringPipeline(pm, options);
  if (failed(pm.run(*module)))
    return func.emitError()
           << "host lowering of @" << func.getSymName() << " failed";
  return module;
}

void hwq::initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
hwq::createHostTargetMachine(bool pic) {
  initializeNativeTarget();
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> builder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  if (pic)
    builder->setRelocationModel(llvm::Reloc::PIC_);
  return builder->createTargetMachine();
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
hwq::createTargetMachine(StringRef tripleName, StringRef cpu,
                         StringRef features, bool pic) {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });
  llvm::Triple triple(llvm::Triple::normalize(tripleName));
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError("unknown target triple '" + tripleName +
                                   "': " + error);
  if (!cpu.empty()) {
    std::unique_ptr<llvm::MCSubtargetInfo> info(
        target->createMCSubtargetInfo(triple, "", ""));
    if (!info || !info->isCPUStringValid(cpu))
      return llvm::createStringError(
          "unknown CPU '" + cpu + "' for target triple '" + tripleName + "'");
  }
  llvm::TargetOptions targetOptions;
  std::optional<llvm::Reloc::Model> relocation;
  if (pic)
    relocation = llvm::Reloc::PIC_;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, relocation, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return llvm::createStringError("cannot create a target machine for '" +
                                   tripleName + "'");
  return machine;
}

FailureOr<std::unique_ptr<llvm::Module>>
hwq::translateForHost(ModuleOp module, llvm::LLVMContext &llvmContext,
                      llvm::TargetMachine &targetMachine, unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return module.emitError() << "translation to LLVM IR failed";
  ExecutionEngine::setupTargetTripleAndDataLayout(llvmModule.get(),
                                                  &targetMachine);
  auto transformer =
      makeOptimizingTransformer(optLevel, /*sizeLevel=*/0, &targetMachine);
  if (llvm::Error error = transformer(llvmModule.get()))
    return module.emitError()
           << "LLVM optimization failed: " << llvm::toString(std::move(error));
  return llvmModule;
}
