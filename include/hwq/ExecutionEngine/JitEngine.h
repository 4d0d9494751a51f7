//===- JitEngine.h - JIT execution of hwq functions -------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Compiles a func.func once (host lowering pipeline + LLVM ORC JIT through
// mlir::ExecutionEngine) and runs it many times on caller buffers.
// `hwq-run --engine=jit` is createJitEngine().
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_EXECUTIONENGINE_JITENGINE_H
#define HWQ_EXECUTIONENGINE_JITENGINE_H

#include "hwq/ExecutionEngine/HostCompiler.h"
#include "hwq/Runtime/Engine.h"

#include <memory>

namespace mlir {
class ExecutionEngine;
} // namespace mlir

#include <string>

namespace hwq {
namespace jit {

/// Options of the JIT.
struct JitOptions {
  /// Float precision of the lowering (docs/HostExecution.md, "Precision").
  FloatPrecision floatPrecision = FloatPrecision::Auto;
  /// LLVM optimization level, 0-3.
  unsigned optLevel = 3;
  /// Code generator of int8 contractions (HostLoweringOptions::codegen):
  /// auto, x86 or plain.
  std::string codegen = "auto";
  /// Dot-product instruction of the x86 micro-kernels
  /// (HostLoweringOptions::x86Isa).
  std::string x86Isa = "auto";
};

/// One compiled function: compile once, run many times. Thread-compatible:
/// concurrent run() calls are safe (the compiled code keeps no state).
class CompiledFunction {
public:
  ~CompiledFunction();

  /// Compiles `func`. Errors are located diagnostics on its context.
  static mlir::FailureOr<std::unique_ptr<CompiledFunction>>
  compile(mlir::func::FuncOp func, const JitOptions &options = {});

  /// The argument and result signatures.
  const HostFunctionSignature &getSignature() const { return signature; }

  /// Seconds spent in compile() (lowering, LLVM optimization, code
  /// generation).
  double getCompileSeconds() const { return compileSeconds; }

  /// Calls the compiled code on raw buffers: one pointer per argument, then
  /// one per result, each to a dense row-major buffer of the signature's
  /// kind and shape. Results are written into the caller's buffers.
  void call(llvm::ArrayRef<const void *> inputs,
            llvm::ArrayRef<void *> outputs) const;

  /// Checks `inputs` against the signature, allocates the results and
  /// calls the compiled code.
  llvm::Expected<llvm::SmallVector<runtime::Tensor>>
  run(llvm::ArrayRef<runtime::Tensor> inputs) const;

private:
  CompiledFunction() = default;

  std::unique_ptr<mlir::ExecutionEngine> engine;
  void (*entry)(void **) = nullptr;
  HostFunctionSignature signature;
  double compileSeconds = 0;
};

/// The JIT as a runtime::Engine (`--engine=jit`).
std::unique_ptr<runtime::Engine>
createJitEngine(const JitOptions &options = {});

} // namespace jit
} // namespace hwq

#endif // HWQ_EXECUTIONENGINE_JITENGINE_H
