//===- CalibrateImpl.h - internals of hwq-calibrate -------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Shared by Calibrate.cpp (the pass), CalibrationEdges.cpp (which edges there
// are, what each one measures, which share a scale) and
// CollectStatistics.cpp (running the float model over a dataset).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_DIALECT_HWQ_TRANSFORMS_CALIBRATEIMPL_H
#define HWQ_LIB_DIALECT_HWQ_TRANSFORMS_CALIBRATEIMPL_H

#include "hwq/Calibration/Statistics.h"
#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"

#include <optional>
#include <string>
#include <vector>

namespace hwq {
namespace calibrate {

/// One activation or output `hwq.sim_quantize`: an edge whose range comes
/// from statistics of real runs.
struct Edge {
  SimQuantizeOp op;
  /// Name in the statistics file: `sq<N>.<role>`, N the position of the op
  /// among the function's sim_quantize ops in program order.
  std::string name;
  /// Bounds of the clamp(s) that are the edge's only readers (fused ReLU /
  /// ReLU6): values are measured after clamping to them.
  std::optional<std::pair<double, double>> clamp;
  /// Index of the edge's scale-sharing group (edges of one group get one
  /// range); equal to the edge's own index when it shares with nobody.
  unsigned group = 0;
};

/// The edges of one annotated function.
struct EdgeSet {
  /// Activation and output edges, in program order.
  std::vector<Edge> edges;
  /// Weight sim_quantize ops, in program order.
  std::vector<SimQuantizeOp> weights;
};

/// Collects the edges of `func` and checks that it is annotated and not yet
/// calibrated (located errors otherwise). With `foldClamps`, edges read only
/// by tosa.clamp ops with one pair of bounds record them. Scale-sharing
/// groups follow the target's scheme (`add_scales`, `concat_scales`).
mlir::FailureOr<EdgeSet> collectEdges(mlir::func::FuncOp func,
                                      TargetAttr target, bool foldClamps);

/// What runs the float model during statistics collection.
enum class CollectEngine {
  /// The reference evaluator (f64), observing values as it computes them.
  Reference,
  /// A clone of the function, without sim_quantize ops and returning every
  /// observed value, compiled once by the host JIT (f32).
  Jit,
};

/// How statistics are collected.
struct CollectOptions {
  CollectEngine engine = CollectEngine::Reference;
  std::string dataSpec;
  std::string range;
  unsigned bins = 2048;
  bool channelStats = false;
  bool progress = false;
};

/// Runs `func` with the reference evaluator (or the JIT, per
/// `options.engine`) on the dataset samples and returns the statistics of
/// every edge (by edge name). Errors (dataset, range, samples that do not
/// fit the signature, evaluation or compilation failures) are emitted on
/// `func`.
mlir::FailureOr<StatisticsTable>
collectStatistics(mlir::func::FuncOp func, const EdgeSet &edges,
                  const CollectOptions &options);

/// How data-free statistics are derived (DataFreeStatistics.cpp).
struct DataFreeOptions {
  /// Ranges of batch-norm outputs: mean +- sigmas * std per channel.
  double sigmas = 3.0;
  /// Range of every function argument, when given.
  std::optional<std::pair<double, double>> inputRange;
  unsigned bins = 2048;
};

/// Statistics of every edge without data: each edge's statistics hold the
/// two ends of its range from batch-norm statistics (`hwq.bn_mean`,
/// `hwq.bn_std`) and interval arithmetic from the inputs. An edge whose
/// range cannot be bounded is a located error.
mlir::FailureOr<StatisticsTable>
collectDataFreeStatistics(mlir::func::FuncOp func, const EdgeSet &edges,
                          const DataFreeOptions &options);

} // namespace calibrate
} // namespace hwq

#endif // HWQ_LIB_DIALECT_HWQ_TRANSFORMS_CALIBRATEIMPL_H
