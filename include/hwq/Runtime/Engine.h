//===- Engine.h - execution engine interface --------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// What `hwq-run` (and any host program) needs from something that executes a
// func.func on host tensors: prepare once, run many times. The reference
// evaluator (hwq/Reference/Evaluator.h) is one engine; a JIT engine compiles
// in prepare() and calls the compiled code in run().
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_RUNTIME_ENGINE_H
#define HWQ_RUNTIME_ENGINE_H

#include "hwq/Runtime/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"

namespace hwq {
namespace runtime {

/// Executes one function on host tensors. Errors are reported as MLIR
/// diagnostics on the function's context (with locations where there are
/// some) and returned as failure.
class Engine {
public:
  virtual ~Engine();

  /// The engine's name as `--engine=` spells it.
  virtual llvm::StringRef getName() const = 0;

  /// Prepares `func` (which must outlive the engine) for run(): validation,
  /// compilation, constant folding. Called once.
  virtual mlir::LogicalResult prepare(mlir::func::FuncOp func) = 0;

  /// Runs the prepared function on `inputs` (one per argument, matching the
  /// argument types) and returns one tensor per result.
  virtual mlir::FailureOr<llvm::SmallVector<Tensor>>
  run(llvm::ArrayRef<Tensor> inputs) = 0;
};

} // namespace runtime
} // namespace hwq

#endif // HWQ_RUNTIME_ENGINE_H
