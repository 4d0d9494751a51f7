//===- JitEngine.cpp - JIT execution of hwq functions ---------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/ExecutionEngine/JitEngine.h"

#include "hwq/Reference/Evaluator.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>

using namespace mlir;
using namespace hwq;
using namespace hwq::jit;

/// The name the compiled function gets inside the JIT.
static constexpr llvm::StringLiteral kEntryName = "hwq_jit_entry";

CompiledFunction::~CompiledFunction() = default;

FailureOr<std::unique_ptr<CompiledFunction>>
CompiledFunction::compile(func::FuncOp func, const JitOptions &options) {
  auto start = std::chrono::steady_clock::now();
  FailureOr<HostFunctionSignature> signature = getHostFunctionSignature(func);
  if (failed(signature))
    return failure();

  HostLoweringOptions lowering;
  lowering.floatPrecision = options.floatPrecision;
  lowering.codegen = options.codegen;
  lowering.x86Isa = options.x86Isa;
  FailureOr<OwningOpRef<ModuleOp>> module =
      lowerFunctionForHost(func, kEntryName, lowering);
  if (failed(module))
    return failure();

  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> targetMachine =
      createHostTargetMachine(/*pic=*/false);
  if (!targetMachine)
    return func.emitError() << "cannot create a host target machine: "
                            << llvm::toString(targetMachine.takeError());
  auto transformer = makeOptimizingTransformer(
      std::min(options.optLevel, 3u), /*sizeLevel=*/0, targetMachine->get());
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(module->get(), engineOptions);
  if (!engine)
    return func.emitError()
           << "JIT compilation of @" << func.getSymName()
           << " failed: " << llvm::toString(engine.takeError());
  // Looking the function up compiles it (while the target machine lives).
  llvm::Expected<void (*)(void **)> entry = (*engine)->lookupPacked(kEntryName);
  if (!entry)
    return func.emitError() << "JIT compilation of @" << func.getSymName()
                            << " failed: " << llvm::toString(entry.takeError());

  std::unique_ptr<CompiledFunction> compiled(new CompiledFunction());
  compiled->engine = std::move(*engine);
  compiled->entry = *entry;
  compiled->signature = std::move(*signature);
  compiled->compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return compiled;
}

void CompiledFunction::call(llvm::ArrayRef<const void *> inputs,
                            llvm::ArrayRef<void *> outputs) const {
  // The packed wrapper reads every argument through a pointer to it.
  llvm::SmallVector<void *, 8> pointers;
  for (const void *input : inputs)
    pointers.push_back(const_cast<void *>(input));
  for (void *output : outputs)
    pointers.push_back(output);
  llvm::SmallVector<void *, 8> arguments;
  for (void *&pointer : pointers)
    arguments.push_back(&pointer);
  entry(arguments.data());
}

/// A message error.
static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<llvm::SmallVector<runtime::Tensor>>
CompiledFunction::run(llvm::ArrayRef<runtime::Tensor> inputs) const {
  if (inputs.size() != signature.inputs.size())
    return makeError(llvm::formatv("the function takes {0} input(s), {1} given",
                                   signature.inputs.size(), inputs.size()));
  llvm::SmallVector<const void *> inputPointers;
  for (auto [i, input] : llvm::enumerate(inputs)) {
    const HostTensorSignature &expected = signature.inputs[i];
    if (input.getKind() != expected.kind ||
        input.getShape() != llvm::ArrayRef<int64_t>(expected.shape))
      return makeError(
          llvm::formatv("input #{0}: got {1}, the function expects {2}x{3}", i,
                        input.describe(), runtime::formatShape(expected.shape),
                        runtime::getElementKindName(expected.kind)));
    inputPointers.push_back(input.getBytes().data());
  }
  llvm::SmallVector<runtime::Tensor> results;
  llvm::SmallVector<void *> outputPointers;
  for (const HostTensorSignature &result : signature.results)
    results.emplace_back(result.kind, result.shape);
  for (runtime::Tensor &result : results)
    outputPointers.push_back(result.getMutableBytes().data());
  call(inputPointers, outputPointers);
  return results;
}

namespace {
/// `--engine=jit`: compiles in prepare(), calls the code in run().
class JitEngine : public runtime::Engine {
public:
  explicit JitEngine(const JitOptions &options) : options(options) {}

  llvm::StringRef getName() const override { return "jit"; }

  LogicalResult prepare(func::FuncOp func) override {
    this->func = func;
    FailureOr<std::unique_ptr<CompiledFunction>> compiled =
        CompiledFunction::compile(func, options);
    if (failed(compiled))
      return failure();
    function = std::move(*compiled);
    return success();
  }

  FailureOr<llvm::SmallVector<runtime::Tensor>>
  run(llvm::ArrayRef<runtime::Tensor> inputs) override {
    if (!function)
      return failure();
    llvm::Expected<llvm::SmallVector<runtime::Tensor>> results =
        function->run(inputs);
    if (!results)
      return func.emitError() << llvm::toString(results.takeError());
    return std::move(*results);
  }

private:
  JitOptions options;
  func::FuncOp func;
  std::unique_ptr<CompiledFunction> function;
};
} // namespace

std::unique_ptr<runtime::Engine>
jit::createJitEngine(const JitOptions &options) {
  return std::make_unique<JitEngine>(options);
}
