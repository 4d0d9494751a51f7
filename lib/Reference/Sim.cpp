//===- Sim.cpp - simulation ops in the reference evaluator ----------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq.sim_quantize exactly as its description in HwqOps.td states, with the
// primitives of hwq/Support/FixedPoint.h. Scale and accumulator scale values
// are read at the precision of their IR type (f32), which is what a realized
// graph derives its multipliers from.
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Support/FixedPoint.h"

#include <cmath>

using namespace mlir;
using namespace hwq;
using namespace hwq::ref;
using namespace hwq::ref::interp;

namespace {
/// One quantization parameter operand: one value, or one per channel.
struct Param {
  const RefTensor *tensor = nullptr;
  bool perChannel = false;
  double getDouble(int64_t channel) const {
    double value = tensor->getDouble(perChannel ? channel : 0);
    if (auto floatType = dyn_cast<FloatType>(tensor->elementType))
      value = roundToFloatType(value, floatType);
    return value;
  }
  int64_t getInt(int64_t channel) const {
    return tensor->ints[perChannel ? channel : 0];
  }
};
} // namespace

/// Reads parameter `value` (one element, or one per channel of `axis`).
static FailureOr<Param> getParam(SimQuantizeOp op, Frame &frame, Value value,
                                 StringRef what, int64_t channels) {
  Param param;
  param.tensor = &frame.get(value);
  int64_t count = param.tensor->getNumElements();
  if (count == 1)
    return param;
  if (!op.getAxis() || count != channels || param.tensor->getRank() != 1)
    return op.emitOpError()
           << what << " has " << count << " elements; expected 1"
           << (op.getAxis() ? " or " + std::to_string(channels)
                            : std::string());
  param.perChannel = true;
  return param;
}

static LogicalResult evalSimQuantize(SimQuantizeOp op, Frame &frame) {
  const RefTensor &input = frame.get(op.getInput());
  if (!input.isFloat())
    return op.emitOpError() << "input must be float";
  RefTensor out = input;
  out.elementType = getResultElementType(op);
  if (!op.isCalibrated()) // Uncalibrated: the identity.
    return frame.setResult(op, op.getOutput(), std::move(out));

  int64_t rank = input.getRank();
  std::optional<uint64_t> axisAttr = op.getAxis();
  int64_t axis = axisAttr ? static_cast<int64_t>(*axisAttr) : -1;
  if (axisAttr && axis >= rank)
    return op.emitOpError() << "axis " << axis << " is out of range";
  int64_t channels = axis >= 0 ? input.shape[axis] : 1;
  // Linear index -> channel: (i / inner) % channels.
  int64_t inner =
      axis >= 0
          ? getNumElements(ArrayRef<int64_t>(input.shape).drop_front(axis + 1))
          : 1;

  FailureOr<Param> scale =
      getParam(op, frame, op.getScale(), "scale", channels);
  FailureOr<Param> zeroPoint =
      getParam(op, frame, op.getZeroPoint(), "zero_point", channels);
  if (failed(scale) || failed(zeroPoint))
    return failure();
  if (zeroPoint->tensor->isFloat() || !scale->tensor->isFloat())
    return op.emitOpError() << "scale must be float and zero_point integer";
  std::optional<Param> accScale;
  if (op.getAccScale()) {
    FailureOr<Param> param =
        getParam(op, frame, op.getAccScale(), "acc_scale", channels);
    if (failed(param))
      return failure();
    accScale = *param;
  }

  // Per channel: scale, zero point and (for acc_scale) the Q31 multiplier.
  int64_t qmin = op.getQMin(), qmax = op.getQMax();
  SmallVector<double> scales(channels), accScales(channels);
  SmallVector<int64_t> zeroPoints(channels);
  SmallVector<FixedPointMultiplier> multipliers(channels);
  for (int64_t c = 0; c < channels; ++c) {
    scales[c] = scale->getDouble(c);
    zeroPoints[c] = zeroPoint->getInt(c);
    if (!(scales[c] > 0) || !std::isfinite(scales[c]))
      return op.emitOpError() << "scale of channel " << c << " is " << scales[c]
                              << "; it must be positive";
    if (!accScale)
      continue;
    accScales[c] = accScale->getDouble(c);
    if (!(accScales[c] > 0) || !std::isfinite(accScales[c]))
      return op.emitOpError() << "acc_scale of channel " << c << " is "
                              << accScales[c] << "; it must be positive";
    std::optional<FixedPointMultiplier> multiplier =
        computeMultiplierAndShift(accScales[c] / scales[c]);
    if (!multiplier)
      return op.emitOpError()
             << "channel " << c
             << ": acc_scale / scale = " << accScales[c] / scales[c]
             << " has no Q31 multiplier with a shift in [0, "
             << kMaxFixedPointShift << "]";
    multipliers[c] = *multiplier;
  }

  RoundingMode rounding = op.getRounding();
  for (int64_t i = 0, e = input.getNumElements(); i < e; ++i) {
    int64_t c = axis >= 0 ? (i / inner) % channels : 0;
    double x = input.floats[i];
    int64_t q;
    if (!accScale) {
      q = quantizeReal(x, scales[c], zeroPoints[c], qmin, qmax, rounding);
    } else {
      int64_t acc = roundToInt(x / accScales[c], RoundingMode::HalfToEven);
      int64_t scaled = roundingMultiplyByQ31(acc, multipliers[c].multiplier,
                                             multipliers[c].shift);
      // Saturating add of the zero point, then clamp.
      if (zeroPoints[c] > 0 && scaled > INT64_MAX - zeroPoints[c])
        q = qmax;
      else if (zeroPoints[c] < 0 && scaled < INT64_MIN - zeroPoints[c])
        q = qmin;
      else
        q = std::min(std::max(scaled + zeroPoints[c], qmin), qmax);
    }
    out.floats[i] = static_cast<double>(q - zeroPoints[c]) * scales[c];
  }
  return frame.setResult(op, op.getOutput(), std::move(out));
}

void interp::registerSimEvaluators(OpEvaluatorRegistry &registry) {
  registry.add<SimQuantizeOp>(evalSimQuantize);
}
