//===- DataFreeStatistics.cpp - edge ranges without calibration data ------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// `hwq-calibrate data-free=true`: the range of every edge comes from the
// batch-norm statistics the importer recorded (`hwq.bn_mean`, `hwq.bn_std`,
// carried onto the folded conv by hwq-prepare) instead of running the model:
// a contraction with statistics has the range [min_c(mean_c - k std_c),
// max_c(mean_c + k std_c)]; everything else follows by interval arithmetic in
// program order from the graph inputs (`input-range`), the constants and the
// ops' semantics (clamp, pooling, data movement, add, sub, mul, contractions
// without statistics from their constant weights, sigmoid, tanh, softmax).
// Each edge gets statistics that hold exactly its range (its two end
// points), so that hwq-calibrate's `max` method reproduces it.
// docs/Strategy.md, "Data-free calibration".
//
//===----------------------------------------------------------------------===//

#include "CalibrateImpl.h"

#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace hwq;
using namespace hwq::calibrate;

namespace {

/// A closed real interval.
struct Interval {
  double lo = 0.0, hi = 0.0;
  Interval unite(const Interval &other) const {
    return {std::min(lo, other.lo), std::max(hi, other.hi)};
  }
};

/// The element values of a constant, if `value` is one (looking through
/// uncalibrated sim_quantize ops, which are identities).
std::optional<SmallVector<double>> getConstant(Value value) {
  while (auto sim = value.getDefiningOp<SimQuantizeOp>())
    value = sim.getInput();
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<double> values;
  if (isa<FloatType>(attr.getElementType())) {
    for (APFloat v : attr.getValues<APFloat>())
      values.push_back(v.convertToDouble());
  } else if (isa<IntegerType>(attr.getElementType())) {
    for (APInt v : attr.getValues<APInt>())
      values.push_back(static_cast<double>(v.getSExtValue()));
  } else {
    return std::nullopt;
  }
  return values;
}

std::optional<Interval> getSpan(ArrayRef<double> values) {
  if (values.empty())
    return std::nullopt;
  Interval span{values.front(), values.front()};
  for (double v : values)
    span = span.unite({v, v});
  return span;
}

/// Range of `sum_k w_k x_k + b` with x in `x` (0 included: padding) for
/// weights grouped by output channel.
Interval boundContraction(ArrayRef<double> weights, ArrayRef<double> bias,
                          Interval x, int64_t channels,
                          llvm::function_ref<int64_t(int64_t)> channelOf) {
  x = x.unite({0.0, 0.0});
  SmallVector<double> lo(channels, 0.0), hi(channels, 0.0);
  for (int64_t o = 0; o < channels && !bias.empty(); ++o) {
    double b = bias.size() == 1 ? bias[0] : bias[o];
    lo[o] = hi[o] = b;
  }
  for (auto [i, w] : llvm::enumerate(weights)) {
    int64_t o = channelOf(static_cast<int64_t>(i));
    lo[o] += std::min(w * x.lo, w * x.hi);
    hi[o] += std::max(w * x.lo, w * x.hi);
  }
  Interval range{lo[0], hi[0]};
  for (int64_t o = 1; o < channels; ++o)
    range = range.unite({lo[o], hi[o]});
  return range;
}

} // namespace

FailureOr<StatisticsTable>
calibrate::collectDataFreeStatistics(func::FuncOp func, const EdgeSet &edges,
                                     const DataFreeOptions &options) {
  DenseMap<Value, Interval> ranges;
  Block &body = func.getBody().front();
  if (options.inputRange)
    for (BlockArgument arg : body.getArguments())
      ranges[arg] = {options.inputRange->first, options.inputRange->second};

  auto rangeOf = [&](Value v) -> std::optional<Interval> {
    auto it = ranges.find(v);
    if (it != ranges.end())
      return it->second;
    if (std::optional<SmallVector<double>> values = getConstant(v))
      return getSpan(*values);
    return std::nullopt;
  };

  for (Operation &op : body) {
    if (op.getNumResults() != 1)
      continue;
    Value result = op.getResult(0);
    // Batch-norm statistics describe the result directly.
    auto mean = op.getAttrOfType<DenseElementsAttr>(kBatchNormMeanAttrName);
    auto stddev = op.getAttrOfType<DenseElementsAttr>(kBatchNormStdAttrName);
    if (mean && stddev && mean.getNumElements() == stddev.getNumElements() &&
        mean.getNumElements() > 0 && isa<FloatType>(mean.getElementType()) &&
        isa<FloatType>(stddev.getElementType())) {
      auto means = mean.getValues<APFloat>();
      auto stds = stddev.getValues<APFloat>();
      std::optional<Interval> range;
      for (int64_t c = 0, e = mean.getNumElements(); c < e; ++c) {
        double m = means[c].convertToDouble();
        double s = std::fabs(stds[c].convertToDouble());
        Interval channel{m - options.sigmas * s, m + options.sigmas * s};
        range = range ? range->unite(channel) : channel;
      }
      ranges[result] = *range;
      continue;
    }
    std::optional<Interval> in =
        op.getNumOperands() ? rangeOf(op.getOperand(0)) : std::nullopt;
    std::optional<Interval> range;
    if (isa<SimQuantizeOp, tosa::ReshapeOp, tosa::TransposeOp,
            tosa::MaxPool2dOp, tosa::AvgPool2dOp, tosa::ReduceMaxOp,
            tosa::ReduceMinOp, tosa::IdentityOp>(op)) {
      range = in;
    } else if (auto clamp = dyn_cast<tosa::ClampOp>(op)) {
      auto lo = dyn_cast<FloatAttr>(clamp.getMinValAttr());
      auto hi = dyn_cast<FloatAttr>(clamp.getMaxValAttr());
      if (in && lo && hi)
        range = Interval{
            std::clamp(in->lo, lo.getValueAsDouble(), hi.getValueAsDouble()),
            std::clamp(in->hi, lo.getValueAsDouble(), hi.getValueAsDouble())};
    } else if (isa<tosa::PadOp>(op)) {
      std::optional<Interval> pad = rangeOf(op.getOperand(2));
      if (in)
        range = pad ? in->unite(*pad) : in->unite({0.0, 0.0});
    } else if (isa<tosa::ConcatOp>(op)) {
      range = in;
      for (Value operand : op.getOperands()) {
        std::optional<Interval> r = rangeOf(operand);
        range = (range && r) ? std::optional(range->unite(*r)) : std::nullopt;
      }
    } else if (isa<tosa::AddOp, tosa::SubOp, tosa::MulOp>(op)) {
      std::optional<Interval> a = in, b = rangeOf(op.getOperand(1));
      auto kind = op.getAttrOfType<StringAttr>(kKindAttrName);
      if (kind && kind.getValue() == "softmax") {
        range = Interval{0.0, 1.0};
      } else if (a && b) {
        if (isa<tosa::AddOp>(op)) {
          range = Interval{a->lo + b->lo, a->hi + b->hi};
        } else if (isa<tosa::SubOp>(op)) {
          range = Interval{a->lo - b->hi, a->hi - b->lo};
        } else {
          double p[] = {a->lo * b->lo, a->lo * b->hi, a->hi * b->lo,
                        a->hi * b->hi};
          range = Interval{*std::min_element(p, p + 4),
                           *std::max_element(p, p + 4)};
        }
      }
    } else if (isa<tosa::SigmoidOp>(op)) {
      range = Interval{0.0, 1.0};
    } else if (isa<tosa::TanhOp>(op)) {
      range = Interval{-1.0, 1.0};
    } else if (isa<tosa::ExpOp>(op)) {
      if (in)
        range = Interval{std::exp(in->lo), std::exp(in->hi)};
    } else if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::MatMulOp>(
                   op)) {
      std::optional<SmallVector<double>> weights =
          getConstant(op.getOperand(1));
      auto weightType = cast<RankedTensorType>(op.getOperand(1).getType());
      int64_t channels =
          cast<RankedTensorType>(result.getType()).getShape().back();
      SmallVector<double> bias;
      if (!isa<tosa::MatMulOp>(op))
        if (std::optional<SmallVector<double>> b =
                getConstant(op.getOperand(2)))
          bias = *b;
      if (in && weights && channels > 0) {
        int64_t n = weightType.getNumElements();
        ArrayRef<int64_t> shape = weightType.getShape();
        bool isConv = isa<tosa::Conv2DOp>(op);
        range = boundContraction(*weights, bias, *in, channels,
                                 [&](int64_t i) -> int64_t {
                                   if (isConv)
                                     return i / (n / shape[0]);
                                   return i % channels;
                                 });
      }
    }
    if (range)
      ranges[result] = *range;
  }

  StatisticsTable table;
  for (const Edge &edge : edges.edges) {
    SimQuantizeOp op = edge.op;
    std::optional<Interval> range = rangeOf(op.getInput());
    if (!range || !std::isfinite(range->lo) || !std::isfinite(range->hi)) {
      InFlightDiagnostic diag =
          op.emitOpError("data-free calibration cannot bound edge '")
          << edge.name << "'";
      if (isa<BlockArgument>(op.getInput()))
        diag << ": it reads a function argument; give input-range=LO:HI";
      else
        diag << ": no batch-norm statistics ('" << kBatchNormMeanAttrName
             << "', '" << kBatchNormStdAttrName
             << "') upstream and no range rule for its producer; give "
                "calibration data";
      return diag;
    }
    Interval r = *range;
    if (edge.clamp)
      r = Interval{std::clamp(r.lo, edge.clamp->first, edge.clamp->second),
                   std::clamp(r.hi, edge.clamp->first, edge.clamp->second)};
    EdgeStatistics &entry = table.getOrCreate(edge.name);
    entry.tensor = TensorStatistics(options.bins);
    float ends[] = {static_cast<float>(r.lo), static_cast<float>(r.hi)};
    entry.tensor.observe(ends);
  }
  return table;
}
