//===- Calibrate.cpp - scales and zero points from statistics ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-calibrate fills in every uncalibrated hwq.sim_quantize that
// hwq-annotate inserted:
//
//  1. collect statistics of every activation and output edge by running the
//     float model on calibration data (CollectStatistics.cpp), or read them
//     from a statistics file;
//  2. pick a clipping range per edge (threshold method of the options),
//     unite the ranges of edges whose scales the target shares
//     (CalibrationEdges.cpp);
//  3. turn ranges into scale and zero point on the edge's grid with the
//     target's scheme (HWQCalibration: symmetric or not, power-of-two
//     scales), weights from their constant values, per channel where the
//     sim_quantize has an axis;
//  4. write them as arith.constant operands.
//
// Everything is computed before the IR changes, in double, with one rounding
// of each scale to f32 (computeQuantParams). docs/Calibration.md.
//
//===----------------------------------------------------------------------===//

#include "CalibrateImpl.h"

#include "hwq/Calibration/Statistics.h"
#include "hwq/Calibration/Thresholds.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <limits>

namespace hwq {
#define GEN_PASS_DEF_HWQCALIBRATEPASS
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::calibrate;

namespace {

/// Scale and zero point of one sim_quantize: one entry per tensor, or one per
/// channel along its axis.
struct EdgeParams {
  SimQuantizeOp op;
  SmallVector<EdgeQuantParams> params;
  bool perAxis = false;
};

/// The integer grid of a sim_quantize.
IntegerGrid getGrid(SimQuantizeOp op) {
  IntegerGrid grid;
  grid.bits = op.getBits();
  grid.isSigned = op.getIsSigned();
  grid.narrowRange = op.getNarrowRange();
  return grid;
}

/// The function to calibrate: `name`, or the only public function with a
/// body.
FailureOr<func::FuncOp> findFunction(ModuleOp module, StringRef name) {
  if (!name.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func || func.isExternal())
      return module.emitError("hwq-calibrate: no function @")
             << name << " with a body in the module";
    return func;
  }
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      candidates.push_back(func);
  if (candidates.size() == 1)
    return candidates.front();
  if (candidates.empty())
    return module.emitError("hwq-calibrate: the module has no public function "
                            "with a body");
  InFlightDiagnostic diag = module.emitError(
      "hwq-calibrate: the module has several public functions; choose one "
      "with function=NAME");
  for (func::FuncOp func : candidates)
    diag.attachNote(func.getLoc()) << "candidate @" << func.getSymName();
  return diag;
}

/// Reads the values of a weight constant.
FailureOr<std::vector<float>> getWeightValues(SimQuantizeOp op) {
  DenseElementsAttr attr;
  if (!matchPattern(op.getInput(), m_Constant(&attr)))
    return op.emitOpError("is a weight edge but its input is not a constant "
                          "with dense elements");
  std::vector<float> values;
  values.reserve(attr.getNumElements());
  for (APFloat value : attr.getValues<APFloat>()) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    values.push_back(value.convertToFloat());
  }
  return values;
}

/// The threshold options of one edge: `base`, with the method and
/// percentile of the edge's `hwq.method` / `hwq.percentile` attributes when
/// it has them (set by a strategy, docs/Strategy.md).
FailureOr<ThresholdOptions> getEdgeThresholds(SimQuantizeOp op,
                                              const ThresholdOptions &base) {
  ThresholdOptions options = base;
  if (Attribute attr = op->getAttr(kMethodAttrName)) {
    auto name = dyn_cast<StringAttr>(attr);
    std::optional<ThresholdMethod> method =
        name ? parseThresholdMethod(name.getValue()) : std::nullopt;
    if (!method)
      return op.emitOpError("has '")
             << kMethodAttrName << "' = " << attr
             << "; expected \"max\", \"percentile\", \"kl\" or \"mse\"";
    options.method = *method;
  }
  if (Attribute attr = op->getAttr(kPercentileAttrName)) {
    auto value = dyn_cast<FloatAttr>(attr);
    if (!value ||
        !(value.getValueAsDouble() > 0.0 && value.getValueAsDouble() <= 100.0))
      return op.emitOpError("has '") << kPercentileAttrName << "' = " << attr
                                     << "; expected a float in (0, 100]";
    options.percentile = value.getValueAsDouble();
  }
  return options;
}

/// Emits the error of a failed HWQCalibration call on `op`.
LogicalResult emitLibraryError(Operation *op, StringRef what,
                               llvm::Error error) {
  return op->emitOpError() << what << ": " << llvm::toString(std::move(error));
}

struct CalibratePass : public hwq::impl::HwqCalibratePassBase<CalibratePass> {
  using Base::Base;

  void runOnOperation() override;

private:
  FailureOr<EdgeParams> calibrateWeight(SimQuantizeOp op,
                                        const ThresholdOptions &thresholds,
                                        const QuantSpec &baseSpec);
  LogicalResult calibrateEdges(const EdgeSet &edges,
                               const StatisticsTable &stats,
                               const ThresholdOptions &thresholds,
                               const QuantSpec &baseSpec,
                               SmallVectorImpl<EdgeParams> &out);
};

} // namespace

FailureOr<EdgeParams>
CalibratePass::calibrateWeight(SimQuantizeOp op,
                               const ThresholdOptions &baseThresholds,
                               const QuantSpec &baseSpec) {
  FailureOr<std::vector<float>> values = getWeightValues(op);
  if (failed(values))
    return failure();
  FailureOr<ThresholdOptions> edgeThresholds =
      getEdgeThresholds(op, baseThresholds);
  if (failed(edgeThresholds))
    return failure();
  const ThresholdOptions &thresholds = *edgeThresholds;
  auto type = cast<RankedTensorType>(op.getInput().getType());
  QuantSpec spec = baseSpec;
  spec.grid = getGrid(op);
  EdgeParams result;
  result.op = op;
  auto addParams = [&](const TensorStatistics &stats,
                       StringRef what) -> LogicalResult {
    llvm::Expected<hwq::Range> range =
        selectRange(stats, spec.grid, thresholds);
    if (!range)
      return emitLibraryError(op, what, range.takeError());
    llvm::Expected<EdgeQuantParams> params = computeQuantParams(*range, spec);
    if (!params)
      return emitLibraryError(op, what, params.takeError());
    result.params.push_back(*params);
    return success();
  };
  if (std::optional<uint64_t> axis = op.getAxis()) {
    ChannelStatistics channels(static_cast<int64_t>(*axis), bins);
    if (llvm::Error error = channels.observe(*values, type.getShape()))
      return emitLibraryError(op, "per-channel weight statistics",
                              std::move(error));
    result.perAxis = true;
    for (auto [c, stats] : llvm::enumerate(channels.getChannels()))
      if (failed(addParams(stats, ("weight channel " + Twine(c)).str())))
        return failure();
    return result;
  }
  TensorStatistics stats(bins);
  stats.observe(*values);
  if (failed(addParams(stats, "weight")))
    return failure();
  return result;
}

LogicalResult CalibratePass::calibrateEdges(const EdgeSet &edges,
                                            const StatisticsTable &stats,
                                            const ThresholdOptions &thresholds,
                                            const QuantSpec &baseSpec,
                                            SmallVectorImpl<EdgeParams> &out) {
  // Ranges per edge, then the union over each sharing group.
  std::vector<hwq::Range> ranges;
  for (const Edge &edge : edges.edges) {
    SimQuantizeOp op = edge.op;
    const EdgeStatistics *entry = stats.lookup(edge.name);
    if (!entry)
      return op.emitOpError("has no statistics (edge '") << edge.name << "')";
    const TensorStatistics &tensor = entry->tensor;
    if (tensor.getNonFiniteCount())
      op.emitWarning("edge '")
          << edge.name << "' saw " << tensor.getNonFiniteCount()
          << " NaN or infinite values; they are ignored";
    if (!tensor.getCount())
      op.emitWarning("edge '")
          << edge.name << "' saw no finite value; its scale is 1";
    FailureOr<ThresholdOptions> edgeThresholds =
        getEdgeThresholds(op, thresholds);
    if (failed(edgeThresholds))
      return failure();
    // Data-free statistics hold a range, not a distribution.
    if (dataFree)
      edgeThresholds->method = ThresholdMethod::Max;
    llvm::Expected<hwq::Range> range =
        selectRange(tensor, getGrid(op), *edgeThresholds);
    if (!range)
      return emitLibraryError(op, "edge '" + edge.name + "'",
                              range.takeError());
    ranges.push_back(*range);
  }
  std::vector<hwq::Range> groupRanges = ranges;
  for (auto [i, edge] : llvm::enumerate(edges.edges)) {
    hwq::Range &group = groupRanges[edge.group];
    group.lo = std::min(group.lo, ranges[i].lo);
    group.hi = std::max(group.hi, ranges[i].hi);
  }
  for (const Edge &edge : edges.edges) {
    SimQuantizeOp op = edge.op;
    QuantSpec spec = baseSpec;
    spec.grid = getGrid(op);
    llvm::Expected<EdgeQuantParams> params =
        computeQuantParams(groupRanges[edge.group], spec);
    if (!params)
      return emitLibraryError(op, "edge '" + edge.name + "'",
                              params.takeError());
    EdgeParams result;
    result.op = op;
    result.params.push_back(*params);
    out.push_back(std::move(result));
  }
  return success();
}

/// Checks that the zero points fit the i32 zero_point operand (they may
/// not on unsigned 32-bit grids).
static LogicalResult checkZeroPoints(const EdgeParams &params) {
  for (const EdgeQuantParams &p : params.params)
    if (p.zeroPoint < std::numeric_limits<int32_t>::min() ||
        p.zeroPoint > std::numeric_limits<int32_t>::max())
      return SimQuantizeOp(params.op).emitOpError("zero point ")
             << p.zeroPoint << " does not fit the i32 zero_point operand";
  return success();
}

/// Writes `params` into its sim_quantize as arith.constant operands.
static void writeParams(const EdgeParams &params) {
  SimQuantizeOp op = params.op;
  SmallVector<float> scales;
  SmallVector<int32_t> zeroPoints;
  for (const EdgeQuantParams &p : params.params) {
    scales.push_back(static_cast<float>(p.scale));
    zeroPoints.push_back(static_cast<int32_t>(p.zeroPoint));
  }
  OpBuilder builder(op);
  SmallVector<int64_t, 1> shape;
  if (params.perAxis)
    shape.push_back(static_cast<int64_t>(scales.size()));
  auto scaleAttr =
      DenseElementsAttr::get(RankedTensorType::get(shape, builder.getF32Type()),
                             ArrayRef<float>(scales));
  auto zeroPointAttr =
      DenseElementsAttr::get(RankedTensorType::get(shape, builder.getI32Type()),
                             ArrayRef<int32_t>(zeroPoints));
  Value scale = arith::ConstantOp::create(builder, op.getLoc(), scaleAttr);
  Value zeroPoint =
      arith::ConstantOp::create(builder, op.getLoc(), zeroPointAttr);
  op.getScaleMutable().assign(scale);
  op.getZeroPointMutable().assign(zeroPoint);
}

void CalibratePass::runOnOperation() {
  ModuleOp module = getOperation();
  auto target =
      module->getAttrOfType<TargetAttr>(HwqDialect::getTargetAttrName());
  if (!target) {
    module.emitError("hwq-calibrate needs a #hwq.target in the module's '")
        << HwqDialect::getTargetAttrName()
        << "' attribute (use --hwq-target=FILE or write it inline)";
    return signalPassFailure();
  }

  // Options.
  std::optional<ThresholdMethod> activationMethod =
      parseThresholdMethod(method);
  std::optional<ThresholdMethod> weightThresholdMethod =
      parseThresholdMethod(weightMethod);
  if (!activationMethod || !weightThresholdMethod) {
    module.emitError("hwq-calibrate: unknown threshold method '")
        << (activationMethod ? weightMethod : method)
        << "' (expected max, percentile, kl or mse)";
    return signalPassFailure();
  }
  if (!(percentile > 0.0 && percentile <= 100.0)) {
    module.emitError("hwq-calibrate: percentile ")
        << llvm::formatv("{0}", llvm::format("%g", percentile.getValue())).str()
        << " is outside (0, 100]";
    return signalPassFailure();
  }
  if (bins < 2) {
    module.emitError("hwq-calibrate: bins must be at least 2, got ") << bins;
    return signalPassFailure();
  }
  if (dataFree && (!data.empty() || !statsIn.empty())) {
    module.emitError("hwq-calibrate: data-free=true derives ranges from "
                     "batch-norm statistics; do not also give data or "
                     "stats-in");
    return signalPassFailure();
  }
  std::optional<std::pair<double, double>> dataFreeInputRange;
  if (!inputRange.empty()) {
    auto [loText, hiText] = StringRef(inputRange).split(':');
    double lo = 0, hi = 0;
    if (loText.trim().getAsDouble(lo) || hiText.trim().getAsDouble(hi) ||
        !(lo <= hi) || !std::isfinite(lo) || !std::isfinite(hi)) {
      module.emitError("hwq-calibrate: input-range must be LO:HI with "
                       "finite LO <= HI, got '")
          << inputRange << "'";
      return signalPassFailure();
    }
    dataFreeInputRange = std::make_pair(lo, hi);
  }
  if (dataFree && *activationMethod != ThresholdMethod::Max) {
    module.emitError("hwq-calibrate: data-free=true gives each edge a range, "
                     "not a distribution; use method=max");
    return signalPassFailure();
  }
  if (!data.empty() && !statsIn.empty()) {
    module.emitError("hwq-calibrate: give data=SPEC (run the model) or "
                     "stats-in=FILE (reuse statistics), not both");
    return signalPassFailure();
  }

  FailureOr<func::FuncOp> func = findFunction(module, function);
  if (failed(func))
    return signalPassFailure();
  FailureOr<EdgeSet> edges = collectEdges(*func, target, foldClamps);
  if (failed(edges))
    return signalPassFailure();

  // Statistics.
  StatisticsTable stats;
  if (!edges->edges.empty()) {
    if (!statsIn.empty()) {
      llvm::Expected<StatisticsTable> loaded =
          StatisticsTable::readFile(statsIn);
      if (!loaded) {
        func->emitError("hwq-calibrate: ")
            << llvm::toString(loaded.takeError());
        return signalPassFailure();
      }
      stats = std::move(*loaded);
      for (const Edge &edge : edges->edges)
        if (!stats.lookup(edge.name)) {
          SimQuantizeOp op = edge.op;
          op.emitOpError("has no statistics in '")
              << statsIn << "' (edge '" << edge.name
              << "'); the file was written for another graph";
          return signalPassFailure();
        }
    } else if (dataFree) {
      DataFreeOptions options;
      options.sigmas = bnSigmas;
      options.inputRange = dataFreeInputRange;
      options.bins = bins;
      FailureOr<StatisticsTable> derived =
          collectDataFreeStatistics(*func, *edges, options);
      if (failed(derived))
        return signalPassFailure();
      stats = std::move(*derived);
    } else if (!data.empty()) {
      CollectOptions collect;
      collect.dataSpec = data;
      collect.range = range;
      collect.bins = bins;
      collect.channelStats = channelStats;
      collect.progress = progress;
      if (engine == "jit") {
        collect.engine = CollectEngine::Jit;
      } else if (engine != "reference") {
        module.emitError("hwq-calibrate: unknown engine '")
            << engine << "' (expected reference or jit)";
        return signalPassFailure();
      }
      FailureOr<StatisticsTable> collected =
          collectStatistics(*func, *edges, collect);
      if (failed(collected))
        return signalPassFailure();
      stats = std::move(*collected);
    } else {
      func->emitError("hwq-calibrate: calibration needs data: set "
                      "data=SPEC (a dataset, docs/Calibration.md), "
                      "stats-in=FILE or data-free=true");
      return signalPassFailure();
    }
    if (!statsOut.empty())
      if (llvm::Error error = stats.writeFile(statsOut)) {
        func->emitError("hwq-calibrate: ") << llvm::toString(std::move(error));
        return signalPassFailure();
      }
  }

  // Parameters, all computed before the IR changes.
  SchemeAttr scheme = target.getScheme();
  QuantSpec activationSpec;
  activationSpec.symmetric = scheme.getSymmetricActivations().getValue();
  activationSpec.powerOfTwo = scheme.getPowerOfTwoScales().getValue();
  ThresholdOptions activationThresholds;
  activationThresholds.method = *activationMethod;
  activationThresholds.percentile = percentile;
  activationThresholds.symmetric = activationSpec.symmetric;
  QuantSpec weightSpec = activationSpec;
  weightSpec.symmetric = scheme.getSymmetricWeights().getValue();
  ThresholdOptions weightThresholds = activationThresholds;
  weightThresholds.method = *weightThresholdMethod;
  weightThresholds.symmetric = weightSpec.symmetric;

  SmallVector<EdgeParams> params;
  if (failed(calibrateEdges(*edges, stats, activationThresholds, activationSpec,
                            params)))
    return signalPassFailure();
  for (SimQuantizeOp weight : edges->weights) {
    FailureOr<EdgeParams> weightParams =
        calibrateWeight(weight, weightThresholds, weightSpec);
    if (failed(weightParams))
      return signalPassFailure();
    params.push_back(std::move(*weightParams));
  }
  for (const EdgeParams &edge : params)
    if (failed(checkZeroPoints(edge)))
      return signalPassFailure();
  for (const EdgeParams &edge : params)
    writeParams(edge);
}
