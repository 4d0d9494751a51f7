//===- Card.h - the quantization card of a compiled model -------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// A quantization card states how a model was quantized and what it cost:
// the target, the scheme of every quantized tensor (bits, signedness,
// granularity, threshold method, scale and zero point), per-layer bits,
// per-edge SQNR against the float model, the calibration method and data
// size, accuracy float vs quantized, other figures and the Pareto front of a
// search. It is written as JSON (for tools) and Markdown with inline SVG
// charts (for people). The format is in docs/Strategy.md.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SEARCH_CARD_H
#define HWQ_SEARCH_CARD_H

#include "hwq/Search/Strategy.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace hwq {

/// One point of a search's Pareto front (or of its other evaluations).
struct ParetoPoint {
  /// Free label, e.g. "greedy-7" or a strategy file name.
  std::string label;
  /// Accuracy (or agreement) in [0, 1].
  double accuracy = 0.0;
  /// Estimated latency in microseconds (cost model), when known.
  std::optional<double> latencyUs;
  /// Model size in bits of weights, when known.
  std::optional<double> sizeBits;
  /// On the front (joined by a line in the plots).
  bool onFront = true;
  /// The chosen strategy (highlighted).
  bool chosen = false;
};

/// Reads a Pareto file: `{"points": [{"label": ..., "accuracy": ...,
/// "latency_us": ..., "size_bits": ..., "on_front": true, "chosen": false},
/// ...]}` (docs/Strategy.md). Errors name the file and the JSON path.
llvm::Expected<std::vector<ParetoPoint>> readParetoFile(llvm::StringRef path);
llvm::Expected<std::vector<ParetoPoint>> parsePareto(llvm::StringRef text,
                                                     llvm::StringRef name);

/// One quantized tensor (a named `hwq.sim_quantize`).
struct CardEdge {
  std::string name;
  std::string role;
  /// The node the edge belongs to (the part of the name before '.') and its
  /// kind.
  std::string node;
  std::string kind;
  unsigned bits = 0;
  bool isSigned = true;
  bool narrowRange = false;
  Granularity granularity = Granularity::PerTensor;
  /// The method calibration used: the edge's `hwq.method`, else the
  /// calibration defaults of the card options.
  std::string method;
  std::optional<double> percentile;
  /// Calibrated scales and zero points (one per channel when per channel);
  /// empty when uncalibrated.
  std::vector<double> scales;
  std::vector<int64_t> zeroPoints;
  /// 10 log10(sum f^2 / sum (f - q)^2) over the card's samples: f the
  /// edge's value in the float model, q the simulated (quantized) value.
  /// nullopt without data (activations) or when the error is 0.
  std::optional<double> sqnrDb;
  /// The same with f the edge's input in the simulated model: the noise of
  /// this edge alone.
  std::optional<double> localSqnrDb;
};

/// One annotated op.
struct CardLayer {
  std::string name;
  std::string kind;
  bool quantized = false;
  /// Chosen alternative (index and spelling, e.g. "u4 x s4 -> s16 -> u4").
  std::optional<int64_t> alternative;
  std::string config;
  std::optional<unsigned> inputBits, weightBits, outputBits;
  /// Multiply-accumulates of conv2d / depthwise_conv2d / matmul.
  std::optional<int64_t> macs;
};

/// The whole card.
struct Card {
  std::string model;
  std::string target;
  std::string triple;
  /// Strategy metadata: seed, objective, calibration, figures.
  Strategy strategy;
  std::vector<CardLayer> layers;
  std::vector<CardEdge> edges;
  /// Samples SQNR and accuracy were measured on.
  std::string evalData;
  std::string evalRange;
  int64_t evalSamples = 0;
  /// Top-1 of the float and the quantized model (with labels), and their
  /// agreement (argmax equal), over the evaluation samples.
  std::optional<double> floatAccuracy, quantizedAccuracy, agreement;
  /// Average bits of weight elements (over all weight edges, by elements).
  std::optional<double> averageWeightBits;
  std::vector<ParetoPoint> pareto;
};

/// What buildCard measures.
struct CardOptions {
  /// Model name for the title (e.g. the input file).
  std::string model;
  /// Dataset spec and range (docs/Calibration.md) to measure SQNR and
  /// accuracy on; empty: no measurement (weight SQNR is still computed).
  std::string data;
  std::string range;
  /// Function to run; default: the only public function with a body.
  std::string function;
  /// Metadata from a strategy (calibration, seed, objective, figures).
  std::optional<Strategy> strategy;
  /// Defaults for edges without `hwq.method` (what hwq-calibrate used).
  std::string method = "max";
  std::string weightMethod = "max";
  std::vector<ParetoPoint> pareto;
};

/// Builds the card of a calibrated simulated module (after hwq-calibrate or
/// hwq-exact-sim, before hwq-realize): reads the annotation, runs the float
/// model (the function without sim_quantize ops) and the simulated model on
/// the samples with the reference evaluator, observing every named edge.
/// Errors are located diagnostics.
mlir::FailureOr<Card> buildCard(mlir::ModuleOp module,
                                const CardOptions &options);

/// Writes the card as JSON (deterministic key order).
void writeCardJson(const Card &card, llvm::raw_ostream &os);
/// Writes the card as Markdown with inline SVG charts: per-layer bits,
/// per-edge SQNR and, when there are points, the Pareto fronts (accuracy vs
/// latency, accuracy vs size).
void writeCardMarkdown(const Card &card, llvm::raw_ostream &os);

} // namespace hwq

#endif // HWQ_SEARCH_CARD_H
