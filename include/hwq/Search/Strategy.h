//===- Strategy.h - a quantization strategy and its JSON file ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// A strategy is the outcome of a search: per quantized edge the bits,
// signedness, granularity and threshold method, optionally per op the dtype
// alternative, plus where it came from (target, seed, objective, calibration
// data) and what it achieved (figures). Edges and ops are named by the
// stable names hwq-annotate writes (`hwq.edge`, `hwq.node`), so a strategy
// read from one annotated module applies to another annotation of the same
// graph. The JSON format is in docs/Strategy.md.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SEARCH_STRATEGY_H
#define HWQ_SEARCH_STRATEGY_H

#include "hwq/Calibration/Thresholds.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hwq {

/// One scale (and zero point) per tensor, or one per output channel.
enum class Granularity { PerTensor, PerChannel };

/// "per_tensor", "per_channel".
llvm::StringRef stringifyGranularity(Granularity granularity);
std::optional<Granularity> parseGranularity(llvm::StringRef name);

/// The choices for one quantized edge (one `hwq.sim_quantize` of
/// hwq-annotate). Absent fields keep what annotation chose.
struct EdgeChoice {
  /// The edge's `hwq.edge` name, e.g. "n0.in0", "n3.weight", "n3.output".
  std::string name;
  /// Its `hwq.role` ("activation", "weight", "output"); when set, applying
  /// checks that the edge has this role. Informative otherwise.
  std::string role;
  /// Width of the grid, 2 to 32.
  std::optional<unsigned> bits;
  std::optional<bool> isSigned;
  /// Per channel is only possible for constant weights.
  std::optional<Granularity> granularity;
  /// Threshold method hwq-calibrate uses for the edge (`hwq.method`).
  std::optional<ThresholdMethod> method;
  /// For ThresholdMethod::Percentile: (0, 100] (`hwq.percentile`).
  std::optional<double> percentile;
};

/// The dtype alternative of one op (an annotated node).
struct NodeChoice {
  /// The op's `hwq.node` name, e.g. "n0".
  std::string name;
  /// Its operator kind (informative; checked when applying if set).
  std::string kind;
  /// Index into the target's rule for the kind; an index of a float
  /// alternative keeps the op float.
  int64_t alternative = 0;
};

/// Where the statistics came from (informative, for the card and replay).
struct CalibrationInfo {
  /// Dataset spec (docs/Calibration.md), "" when unknown, "data-free" for
  /// batch-norm statistics.
  std::string data;
  /// Sample range `A:B`.
  std::string range;
  /// Number of samples, when known.
  std::optional<int64_t> samples;
  /// Default threshold method of activations / weights.
  std::string method;
  std::string weightMethod;
};

/// A strategy: choices plus metadata. Equal strategies write equal files.
struct Strategy {
  /// Version of the JSON format this library reads and writes.
  static constexpr int64_t kVersion = 1;

  /// Target name (`#hwq.target` name); applying checks it when set.
  std::string target;
  /// Seed of the search that produced it, when any.
  std::optional<uint64_t> seed;
  /// Objective of that search (free text, e.g. "top1", "kl").
  std::string objective;
  CalibrationInfo calibration;
  /// Named results in insertion order, e.g. {"top1_float", 0.9}.
  std::vector<std::pair<std::string, double>> figures;
  /// Per-op alternatives (may be empty).
  std::vector<NodeChoice> nodes;
  /// Per-edge choices (may be partial).
  std::vector<EdgeChoice> edges;

  /// The choice for `name`, or null.
  const EdgeChoice *findEdge(llvm::StringRef name) const;
  const NodeChoice *findNode(llvm::StringRef name) const;
  /// Sets (or replaces) a figure.
  void setFigure(llvm::StringRef name, double value);
};

/// Parses the JSON text of a strategy. Errors name `bufferName` and the
/// place: `FILE:LINE:COL: ...` for JSON syntax, `FILE: at edges[2].bits:
/// ...` for schema errors (unknown keys, wrong types, values out of range).
llvm::Expected<Strategy> parseStrategy(llvm::StringRef text,
                                       llvm::StringRef bufferName);
/// Reads and parses a strategy file.
llvm::Expected<Strategy> readStrategyFile(llvm::StringRef path);
/// Writes `strategy` as JSON (fixed key order, two-space indentation, every
/// double with 17 significant digits), so that equal strategies give equal
/// bytes.
void writeStrategy(const Strategy &strategy, llvm::raw_ostream &os);
llvm::Error writeStrategyFile(const Strategy &strategy, llvm::StringRef path);

/// The choices of an annotated (possibly calibrated) module: every op with a
/// `hwq.node` whose kind has a rule in the target (quantized: its
/// `hwq.alternative`; float: its rule's first float alternative, or left out
/// when the rule has none), every `hwq.sim_quantize` with a `hwq.edge` (all
/// fields set; `method` only when the edge has `hwq.method`), and the target
/// name. Fails (located) without `#hwq.target`.
mlir::FailureOr<Strategy> readStrategyFromModule(mlir::ModuleOp module);

/// Applies `strategy` to `module`, which is either float (then it is
/// annotated, with the strategy's alternatives) or annotated and
/// uncalibrated (then it is re-annotated when an alternative differs from
/// the strategy's). Then every edge choice is written into its
/// sim_quantize: `bits`, `is_signed`, `narrow_range` (signed weights on
/// targets with `narrow_range_weights`), `axis` (per channel: the weight's
/// output-channel axis), `hwq.method`, `hwq.percentile`. Located errors: a
/// calibrated module, another target, an unknown node or edge, a role or
/// kind that differs, per channel on an edge that is not a constant weight
/// or whose op has no single output-channel axis, bits outside [2, 32].
/// Constraints of the target are not checked here: that is
/// hwq-verify-strategy's job, so that violating strategies can be built.
mlir::LogicalResult applyStrategy(mlir::ModuleOp module,
                                  const Strategy &strategy,
                                  bool remarks = true);

} // namespace hwq

#endif // HWQ_SEARCH_STRATEGY_H
