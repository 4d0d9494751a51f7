//===- Evaluation.h - fast evaluation of simulated graphs -------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The search's evaluation engine. A simulated graph (annotated, calibrated or
// not, exact-sim or not) is compiled ONCE into a "parametric" function in
// which every hwq.sim_quantize reads its scale, zero point and clip bounds
// (and a weight edge its weight values) from function arguments. Every
// candidate quantization strategy with the same graph structure is then a
// set of argument buffers: no recompilation per candidate
// (docs/Search.md, "Evaluation engine").
//
// Per edge the parametric function computes, with the arguments s, z,
// qlo = qmin - z and qhi = qmax - z of the candidate:
//   y1 = sim_quantize(x, s, z) on a 32-bit signed grid  (same rounding, same
//        f64 arithmetic as the original op)
//   y  = min(max(y1, qlo * s), qhi * s)
// which equals the original op with the candidate's bits bit for bit:
// (q - z) * s is monotone in q, so clamping q to [qmin, qmax] before the
// multiplication and clamping the product to [(qmin - z) s, (qmax - z) s]
// after it give the same f64 value.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SEARCH_EVALUATION_H
#define HWQ_SEARCH_EVALUATION_H

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/ExecutionEngine/JitEngine.h"
#include "hwq/Runtime/Dataset.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hwq {
namespace search {

/// The samples of a search, read once into memory.
struct SampleSet {
  /// One entry per sample: one tensor per function input, conformed to the
  /// function's signature.
  std::vector<std::vector<runtime::Tensor>> inputs;
  /// Labels, when every sample has one.
  std::vector<int64_t> labels;
  bool hasLabels() const { return !labels.empty(); }
  size_t size() const { return inputs.size(); }
};

/// Reads samples `range` of dataset `spec` for `func` (errors as
/// diagnostics on `func`).
mlir::FailureOr<SampleSet> loadSamples(mlir::func::FuncOp func,
                                       llvm::StringRef spec,
                                       llvm::StringRef range);

/// Quantization parameters of one edge for one evaluation.
struct EdgeArguments {
  /// One value, or one per channel along the edge's axis.
  std::vector<float> scales;
  std::vector<int32_t> zeroPoints;
  /// The clip range of the grid (the candidate's bits).
  int64_t qmin = 0;
  int64_t qmax = 0;
  /// Weight edges only: replacement weight values (e.g. with pseudo-
  /// quantization noise); empty = the model's own weights.
  std::vector<float> weights;
};

/// One candidate: the arguments of every edge, in the model's edge order.
using Candidate = std::vector<EdgeArguments>;

/// The outputs of one evaluation: the first function result of every
/// sample, as doubles, row-major.
struct Outputs {
  /// Elements per sample.
  int64_t width = 0;
  /// size() = samples * width.
  std::vector<double> values;
  llvm::ArrayRef<double> getSample(size_t i) const {
    return llvm::ArrayRef<double>(values).slice(i * width, width);
  }
};

/// One edge of a parametric model.
struct ModelEdge {
  /// The sim_quantize in the original function.
  mutable SimQuantizeOp op;
  /// Channels of the scale/zero-point arguments (the size of the input's
  /// dimension `axis`, 1 without axis).
  int64_t channels = 1;
  /// Weight edges: the weight values (the constant input, as f32).
  std::vector<float> weights;
  bool isWeight() const { return !weights.empty(); }
};

/// A simulated graph compiled once with every edge's parameters as
/// arguments. Thread-safe: evaluate() may run several candidates at once.
class ParametricModel {
public:
  ~ParametricModel();

  /// Builds and compiles the parametric clone of `func` (every
  /// sim_quantize of its body is an edge, in program order). Weight edges
  /// are sim_quantize ops whose input is a dense constant. Errors are
  /// located diagnostics.
  static mlir::FailureOr<std::unique_ptr<ParametricModel>>
  build(mlir::func::FuncOp func, const jit::JitOptions &options = {});

  /// Compiles `func` with every sim_quantize removed (the float model).
  static mlir::FailureOr<std::unique_ptr<ParametricModel>>
  buildFloat(mlir::func::FuncOp func, const jit::JitOptions &options = {});

  llvm::ArrayRef<ModelEdge> getEdges() const { return edges; }
  double getCompileSeconds() const;

  /// Evaluates every candidate of `candidates` on every sample, using
  /// `threads` threads (0 = all cores). Work is split into (candidate,
  /// sample block) tasks; each task writes its own slots, so results do not
  /// depend on the number of threads. The float model takes empty
  /// candidates.
  llvm::Expected<std::vector<Outputs>>
  evaluate(llvm::ArrayRef<Candidate> candidates, const SampleSet &samples,
           unsigned threads) const;

private:
  ParametricModel() = default;
  llvm::Error checkCandidate(const Candidate &candidate) const;

  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<jit::CompiledFunction> compiled;
  std::vector<ModelEdge> edges;
  /// Number of original function inputs (the sample tensors).
  unsigned numInputs = 0;
};

} // namespace search
} // namespace hwq

#endif // HWQ_SEARCH_EVALUATION_H
