//===- Evaluator.h - the reference evaluator --------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The numerics oracle of hwq: a plain interpreter of a func.func on host
// tensors, written as obviously-correct loops. Every fast kernel and every
// realized integer graph is checked against it (docs/Reference.md).
//
// Precision rules:
//  - float values (f16, bf16, f32, f64 in the IR) are computed and kept in
//    double between ops, so that a simulated graph carries exact integer
//    accumulators; they are rounded to their IR element type once, when a
//    function result becomes an output tensor (or after every op when
//    EvaluateOptions::roundEveryOp is set, to mimic a float32 runtime);
//  - integer values are computed in int64 and wrapped or saturated to their
//    IR type exactly where the op's specification says.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_REFERENCE_EVALUATOR_H
#define HWQ_REFERENCE_EVALUATOR_H

#include "hwq/Runtime/Engine.h"
#include "hwq/Runtime/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>

namespace hwq {
namespace ref {

/// Options of the reference evaluator.
struct EvaluateOptions {
  /// Round the float results of every op to their IR element type (f32, f16,
  /// bf16) instead of keeping double precision until the function returns.
  bool roundEveryOp = false;

  /// Called by every run, when set, for each float value of the function
  /// body: the block arguments first, then the results of every op in
  /// program order (constants included, also when the engine reuses their
  /// cached values). `values` holds the value's elements in row-major order
  /// as the evaluator keeps them (double, after the rounding policy above);
  /// the arrays are only valid during the call. Integer values are not
  /// reported. Calibration uses this to collect statistics of intermediate
  /// tensors without changing the function.
  std::function<void(mlir::Value value, llvm::ArrayRef<int64_t> shape,
                     llvm::ArrayRef<double> values)>
      observer;
};

/// The runtime element kind that carries values of the IR element type
/// `type`: f16/f32/f64 map to themselves; integers and the storage types of
/// quantized types map to the smallest kind that holds their range (i1 and
/// ui1..ui8 -> u8, i2..i8 -> i8, i16 -> i16, ui16 -> i32, ...). Fails for types
/// the runtime cannot carry (bf16, ui64, ...).
mlir::FailureOr<runtime::ElementKind> getRuntimeElementKind(mlir::Type type);

/// Checks that `tensor` can be passed for a function argument of `type` (a
/// ranked tensor type; dynamic dimensions match any size): same element kind,
/// same rank, same static sizes. The message says what differs.
llvm::Error checkTensorMatchesType(const runtime::Tensor &tensor,
                                   mlir::Type type);

/// Runs `func` on `inputs` (one per argument) and returns one tensor per
/// result. Unsupported ops, mismatched inputs and violated op requirements
/// are reported as located diagnostics and give failure.
mlir::FailureOr<llvm::SmallVector<runtime::Tensor>>
evaluate(mlir::func::FuncOp func, llvm::ArrayRef<runtime::Tensor> inputs,
         const EvaluateOptions &options = {});

/// The reference evaluator as a runtime::Engine (`--engine=reference`). It
/// caches the values of constant ops between runs.
std::unique_ptr<runtime::Engine>
createReferenceEngine(const EvaluateOptions &options = {});

} // namespace ref
} // namespace hwq

#endif // HWQ_REFERENCE_EVALUATOR_H
