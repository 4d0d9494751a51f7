//===- Search.h - strategy search over quantized edges ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The search problem of hwq-search (docs/Search.md): per quantized edge of an
// annotated function, the bits (up to the edge's container width from the
// target's alternative), the granularity (per channel where the op rule
// allows it) and the threshold method; the target's cost model gives an
// estimated latency, the weights a model size; candidates are evaluated on
// samples with the parametric model (Evaluation.h) and scored by an
// objective; strategies (HAGO greedy, random, noise-sensitivity allocator,
// Lagrangian allocator) choose which candidates to evaluate.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SEARCH_SEARCH_H
#define HWQ_SEARCH_SEARCH_H

#include "hwq/Calibration/Statistics.h"
#include "hwq/Calibration/Thresholds.h"
#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Search/Evaluation.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace hwq {
namespace search {

/// What an edge may be quantized with (one decision of a strategy).
struct EdgeChoice {
  unsigned bits = 8;
  bool perChannel = false;
  ThresholdMethod method = ThresholdMethod::Max;
  bool operator==(const EdgeChoice &o) const {
    return bits == o.bits && perChannel == o.perChannel && method == o.method;
  }
  bool operator<(const EdgeChoice &o) const {
    return std::tie(bits, perChannel, method) <
           std::tie(o.bits, o.perChannel, o.method);
  }
};

/// One choice per edge, in edge order.
using Assignment = std::vector<EdgeChoice>;

/// One quantized edge of the annotated function.
struct SearchEdge {
  /// Mutable: op accessors are not const.
  mutable SimQuantizeOp op;
  /// `sq<N>.<role>` (the calibration statistics' key).
  std::string name;
  /// The stable `hwq.edge` name when the annotation set one, else `name`.
  std::string displayName;
  std::string role;
  bool isWeight = false;
  /// The container width of the edge's slot (the annotated bits): an upper
  /// bound of its bits.
  unsigned slotBits = 8;
  bool isSigned = true;
  bool narrowRange = false;
  /// True when the op rule allows per-channel weights and the annotation
  /// gave the edge an axis.
  bool canPerChannel = false;
  /// Elements of the tensor (weights: the model-size contribution per bit).
  int64_t numElements = 0;
  /// Activation edges: the statistics and the scale-sharing group.
  const TensorStatistics *stats = nullptr;
  unsigned group = 0;
};

/// Edges whose bits are decided together (scale-sharing groups).
struct SearchUnit {
  std::vector<unsigned> edges;
  bool isWeight = false;
  /// Size weight of the unit (elements of its edges).
  int64_t numElements = 0;
  std::string name;
};

/// Options of the search space and the objective.
struct SpaceOptions {
  /// Lowest bits tried.
  unsigned minBits = 4;
  /// Which edges the strategies change: weights, activations or all.
  bool searchWeights = true;
  bool searchActivations = false;
  /// Also search per-tensor vs per-channel and these threshold methods.
  bool searchGranularity = false;
  std::vector<ThresholdMethod> methods;
  /// The threshold methods of the baseline.
  ThresholdMethod activationMethod = ThresholdMethod::Max;
  ThresholdMethod weightMethod = ThresholdMethod::Max;
  double percentile = 99.99;
  unsigned bins = 2048;
};

/// Objectives (docs/Search.md, "Objectives"); all are losses (lower is
/// better).
enum class Objective { Accuracy, Agreement, KL, MSE, Classification };
std::optional<Objective> parseObjective(llvm::StringRef name);
llvm::StringRef stringifyObjective(Objective objective);

/// Scores of one evaluated candidate.
struct Metrics {
  /// Top-1 accuracy against the labels (fraction), or -1 without labels.
  double top1 = -1;
  /// Top-1 agreement with the float model (fraction).
  double agreement = 0;
  /// Mean KL(float softmax || candidate softmax) of the first result.
  double kl = 0;
  /// Mean squared error of the first result vs float, over the mean square
  /// of the float result.
  double mse = 0;
  /// The objective's value (loss).
  double loss = 0;
  /// A smooth measure of the damage (sensitivity probes): the loss, or KL
  /// for the 0-1 objectives accuracy and agreement, whose steps of 1/N are
  /// too coarse to rank layers on a few hundred samples.
  double sensitivity = 0;
  /// The accuracy measure of budgets and fronts: top1 with labels, else
  /// agreement (fraction).
  double accuracy() const { return top1 >= 0 ? top1 : agreement; }
};

/// Computes the metrics of `outputs` against `reference` (the float model's
/// outputs) and `labels` (may be empty).
Metrics computeMetrics(const Outputs &outputs, const Outputs &reference,
                       llvm::ArrayRef<int64_t> labels, Objective objective,
                       double lambda);

/// Estimated cost of an assignment.
struct Cost {
  /// Roofline estimate (docs/Search.md, "Cost model"), microseconds.
  double latencyUs = 0;
  /// Sum of weight bits.
  int64_t sizeBits = 0;
  /// sizeBits / weight elements.
  double averageWeightBits = 0;
};

/// One evaluated candidate.
struct EvaluatedCandidate {
  Assignment assignment;
  Metrics metrics;
  Cost cost;
  /// Which strategy step produced it (`baseline`, `probe`, `front`, ...).
  std::string origin;
};

/// Budgets: an evaluated candidate is admissible when all hold.
struct Budgets {
  /// Max accuracy drop vs float, in points (percent).
  double maxDrop = 1.0;
  /// Estimated latency budget, microseconds (0 = none).
  double latencyUs = 0;
  /// Size budget, bits of weights (0 = none).
  int64_t sizeBits = 0;
};

/// The problem: edges, units, statistics, cost model, evaluation.
class SearchProblem {
public:
  /// Builds the problem for an annotated, uncalibrated function whose edge
  /// statistics are `stats` (keys `sq<N>.<role>`). `groups` gives the
  /// scale-sharing group of every activation edge by name.
  static mlir::FailureOr<std::unique_ptr<SearchProblem>>
  build(mlir::func::FuncOp func, TargetAttr target,
        const StatisticsTable &stats, const llvm::StringMap<unsigned> &groups,
        const SpaceOptions &options);

  llvm::ArrayRef<SearchEdge> getEdges() const { return edges; }
  llvm::ArrayRef<SearchUnit> getUnits() const { return units; }
  const SpaceOptions &getOptions() const { return options; }

  /// The assignment of hwq-calibrate's defaults: every edge at its slot
  /// bits, per channel where annotated so, the baseline methods.
  Assignment getBaseline() const;
  /// The bits a unit may take, low to high, after pruning by the target.
  std::vector<unsigned> getAllowedBits(unsigned unit) const;
  /// The choices a unit's edges may take (bits x granularity x method).
  std::vector<EdgeChoice> getChoices(unsigned unit,
                                     const Assignment &base) const;
  /// Sets every edge of `unit` to `choice` (weights keep their own axis
  /// when granularity is not searched).
  void setUnit(Assignment &assignment, unsigned unit,
               const EdgeChoice &choice) const;
  /// Checks the target's constraints (accumulator range); candidates that
  /// fail are pruned before any evaluation.
  bool isFeasible(const Assignment &assignment) const;

  /// Scale, zero point and clip range of every edge.
  llvm::Expected<Candidate> makeCandidate(const Assignment &assignment);
  /// Quantization parameters of one edge under `choice` (one entry per
  /// channel for per-channel weights).
  llvm::Expected<std::vector<EdgeQuantParams>>
  getWeightParams(unsigned edge, const EdgeChoice &choice);

  Cost estimateCost(const Assignment &assignment) const;

  /// Writes into every quantized op the alternative the cost model selects
  /// for `assignment` (`hwq.config`, `hwq.alternative`), e.g. a 4-bit
  /// alternative when the op's edges fit it.
  void applyAlternatives(const Assignment &assignment) const;

  /// Short description: `w:8888... a:8888...` with per-tensor marks.
  std::string describe(const Assignment &assignment) const;

private:
  SearchProblem() = default;

  TargetAttr target;
  SpaceOptions options;
  std::vector<SearchEdge> edges;
  std::vector<SearchUnit> units;
  /// Weight values per weight edge index.
  std::map<unsigned, std::vector<float>> weightValues;
  std::map<std::tuple<unsigned, EdgeChoice>, std::vector<EdgeQuantParams>>
      weightCache;
  std::map<std::tuple<unsigned, unsigned, ThresholdMethod>, Range> rangeCache;

  /// Per quantized op: its edges and shapes, for the cost model.
  struct CostOp {
    mlir::Operation *op = nullptr;
    std::string kind;
    DTypeConfigAttr config;
    int64_t macs = 0;
    int64_t inputElements = 0, weightElements = 0, outputElements = 0;
    int inputEdge = -1, weightEdge = -1, outputEdge = -1;
    /// The contraction's reduction length (accumulator check), 0 if none.
    int64_t reduction = 0;
  };
  std::vector<CostOp> costOps;

  /// The fastest integer alternative of the op's rule whose dtypes have the
  /// chosen configuration's signedness and hold the edges' bits (the chosen
  /// configuration when none is better), and its index (-1: the op's own).
  std::pair<int64_t, DTypeConfigAttr>
  selectAlternative(const CostOp &op, const Assignment &assignment) const;
  /// The accumulator width of `op` under its selected alternative (the
  /// narrower of the alternative's and the scheme's), 0 when unbounded.
  unsigned getAccumulatorBits(const CostOp &op,
                              const Assignment &assignment) const;
  /// True when the worst-case accumulator of `op` fits `accBits` bits.
  bool fitsAccumulator(const CostOp &op, const Assignment &assignment,
                       unsigned accBits) const;
  /// Bytes `op` moves with `config`'s containers.
  static double getBytes(const CostOp &op, DTypeConfigAttr config);
};

/// Evaluation with a count and a memo: a candidate evaluated before is not
/// evaluated again.
class Evaluator {
public:
  Evaluator(SearchProblem &problem, const ParametricModel &model,
            const SampleSet &samples, const Outputs &reference,
            Objective objective, double lambda, unsigned threads, bool progress)
      : problem(problem), model(model), samples(samples), reference(reference),
        objective(objective), lambda(lambda), threads(threads),
        progress(progress) {}

  /// Evaluates a batch (in parallel). Infeasible assignments are an error
  /// (strategies prune before calling).
  llvm::Expected<std::vector<EvaluatedCandidate>>
  evaluate(llvm::ArrayRef<Assignment> batch, llvm::StringRef origin);
  /// Evaluates raw candidates (e.g. with noise), counted, not memoized.
  llvm::Expected<std::vector<Metrics>>
  evaluateRaw(llvm::ArrayRef<Candidate> batch);

  /// Model evaluations so far (one = one candidate on every sample).
  unsigned getCount() const { return count; }
  /// Every evaluated candidate, in evaluation order.
  llvm::ArrayRef<EvaluatedCandidate> getHistory() const { return history; }
  /// Expected total, for progress and ETA.
  void setExpectedTotal(unsigned total) { expected = total; }
  void setFloatAccuracy(double accuracy) { floatAccuracy = accuracy; }

private:
  SearchProblem &problem;
  const ParametricModel &model;
  const SampleSet &samples;
  const Outputs &reference;
  Objective objective;
  double lambda;
  unsigned threads;
  bool progress;
  unsigned count = 0;
  unsigned expected = 0;
  double floatAccuracy = 0;
  double seconds = 0;
  std::vector<EvaluatedCandidate> history;
  std::map<Assignment, size_t> memo;
};

/// The strategies.
enum class StrategyKind { Greedy, Random, Noise, Lagrangian };
std::optional<StrategyKind> parseStrategyKind(llvm::StringRef name);
llvm::StringRef stringifyStrategyKind(StrategyKind kind);

struct StrategyOptions {
  StrategyKind kind = StrategyKind::Noise;
  uint64_t seed = 1;
  /// Random: candidates to draw.
  unsigned randomSamples = 32;
  /// Noise / Lagrangian: bits of the sensitivity probes (0 = minBits) and
  /// the number of trade-off points swept.
  unsigned probeBits = 0;
  unsigned frontPoints = 12;
  Budgets budgets;
  /// Greedy: one run per accuracy budget (max drop, points); the union of
  /// the runs' candidates is its front. Empty: budgets.maxDrop only.
  std::vector<double> greedyDrops;
  double floatAccuracy = 0;
};

/// Runs a strategy; the evaluated candidates are in the evaluator's history.
llvm::Error runStrategy(SearchProblem &problem, Evaluator &evaluator,
                        const StrategyOptions &options, llvm::raw_ostream &log);

/// True when `c` meets every budget.
bool isAdmissible(const EvaluatedCandidate &c, const Budgets &budgets,
                  double floatAccuracy);

/// Indices of the candidates of `all` on the Pareto front of accuracy
/// (higher is better) vs `costOf` (lower is better), sorted by cost.
std::vector<size_t>
paretoFront(llvm::ArrayRef<EvaluatedCandidate> all,
            llvm::function_ref<double(const EvaluatedCandidate &)> costOf);

} // namespace search
} // namespace hwq

#endif // HWQ_SEARCH_SEARCH_H
