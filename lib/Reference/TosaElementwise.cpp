//===- TosaElementwise.cpp - elementwise TOSA ops -------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Binary ops with broadcasting (add, sub, mul, maximum, minimum), unary float
// ops (exp, log, reciprocal, rsqrt, sigmoid, tanh, abs, floor, ceil), clamp,
// cast and rescale, following the TOSA 1.0 specification's pseudo-code.
// Integer add/sub/mul (without shift) wrap to the result type; TOSA leaves
// overflow unpredictable, the reference makes it two's-complement.
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>

using namespace mlir;
using namespace hwq::ref;
using namespace hwq::ref::interp;

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

namespace {
/// The scalar functions of one binary op.
struct BinaryFns {
  double (*onFloat)(double, double);
  int64_t (*onInt)(int64_t, int64_t);
};
} // namespace

/// Evaluates `fns` elementwise over two broadcast operands.
static LogicalResult evalBinary(Operation *op, Frame &frame, BinaryFns fns) {
  const RefTensor &a = frame.get(op->getOperand(0));
  const RefTensor &b = frame.get(op->getOperand(1));
  FailureOr<SmallVector<int64_t, 4>> shape =
      broadcastShapes(op, a.shape, b.shape);
  if (failed(shape))
    return failure();
  if (a.isFloat() != b.isFloat())
    return op->emitOpError() << "operands mix float and integer values";
  RefTensor out = RefTensor::zeros(getResultElementType(op), *shape);
  if (out.isFloat() != a.isFloat())
    return op->emitOpError() << "result and operand element kinds differ";
  if (a.isFloat())
    forEachBroadcast(*shape, a.shape, b.shape,
                     [&](int64_t o, int64_t ia, int64_t ib) {
                       out.floats[o] = fns.onFloat(a.floats[ia], b.floats[ib]);
                     });
  else
    forEachBroadcast(*shape, a.shape, b.shape,
                     [&](int64_t o, int64_t ia, int64_t ib) {
                       out.ints[o] = fns.onInt(a.ints[ia], b.ints[ib]);
                     });
  return frame.setResult(op, op->getResult(0), std::move(out));
}

/// Two's-complement arithmetic without undefined behaviour.
static int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}
static int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) -
                              static_cast<uint64_t>(b));
}
static int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) *
                              static_cast<uint64_t>(b));
}

static LogicalResult evalAdd(tosa::AddOp op, Frame &frame) {
  return evalBinary(op, frame,
                    {[](double a, double b) { return a + b; }, wrapAdd});
}

static LogicalResult evalSub(tosa::SubOp op, Frame &frame) {
  return evalBinary(op, frame,
                    {[](double a, double b) { return a - b; }, wrapSub});
}

/// NaN handling of maximum/minimum: PROPAGATE returns NaN when either operand
/// is NaN, IGNORE returns the other operand.
template <bool IsMax>
static LogicalResult evalMinMax(Operation *op, Frame &frame,
                                tosa::NanPropagationMode mode) {
  if (mode == tosa::NanPropagationMode::PROPAGATE)
    return evalBinary(op, frame,
                      {[](double a, double b) {
                         if (std::isnan(a) || std::isnan(b))
                           return std::nan("");
                         return IsMax ? std::fmax(a, b) : std::fmin(a, b);
                       },
                       [](int64_t a, int64_t b) {
                         return IsMax ? std::max(a, b) : std::min(a, b);
                       }});
  // std::fmax/fmin ignore a NaN operand.
  return evalBinary(op, frame,
                    {[](double a, double b) {
                       return IsMax ? std::fmax(a, b) : std::fmin(a, b);
                     },
                     [](int64_t a, int64_t b) {
                       return IsMax ? std::max(a, b) : std::min(a, b);
                     }});
}

static LogicalResult evalMaximum(tosa::MaximumOp op, Frame &frame) {
  return evalMinMax<true>(op, frame, op.getNanMode());
}

static LogicalResult evalMinimum(tosa::MinimumOp op, Frame &frame) {
  return evalMinMax<false>(op, frame, op.getNanMode());
}

/// mul: for int32 operands with shift > 0 the product is rounded:
/// (a * b + 2^(shift-1)) >> shift, which must fit in int32 (TOSA REQUIRE);
/// otherwise a plain product (integer: wrapping to the result type).
static LogicalResult evalMul(tosa::MulOp op, Frame &frame) {
  FailureOr<int64_t> shift = frame.getScalarInt(op, op.getShift(), "shift");
  if (failed(shift))
    return failure();
  const RefTensor &a = frame.get(op.getInput1());
  if (a.isFloat() || *shift == 0)
    return evalBinary(op, frame,
                      {[](double a, double b) { return a * b; }, wrapMul});
  std::optional<IntFormat> format = getIntFormat(a.elementType);
  if (!format || format->bits != 32)
    return op.emitOpError() << "shift must be 0 unless the inputs are i32";
  if (*shift < 0 || *shift > 63)
    return op.emitOpError() << "shift " << *shift << " is out of [0, 63]";
  const RefTensor &b = frame.get(op.getInput2());
  FailureOr<SmallVector<int64_t, 4>> shape =
      broadcastShapes(op, a.shape, b.shape);
  if (failed(shape))
    return failure();
  RefTensor out = RefTensor::zeros(getResultElementType(op), *shape);
  bool overflow = false;
  int64_t round = int64_t(1) << (*shift - 1);
  forEachBroadcast(*shape, a.shape, b.shape,
                   [&](int64_t o, int64_t ia, int64_t ib) {
                     int64_t product = a.ints[ia] * b.ints[ib]; // < 2^62
                     product = (product + round) >> *shift;
                     overflow |= product < INT32_MIN || product > INT32_MAX;
                     out.ints[o] = product;
                   });
  if (overflow)
    return op.emitOpError() << "shifted product leaves the int32 range (TOSA "
                               "requires it to fit)";
  return frame.setResult(op, op.getResult(), std::move(out));
}

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

/// Evaluates a float-only unary op.
static LogicalResult evalUnaryFloat(Operation *op, Frame &frame,
                                    double (*fn)(double)) {
  const RefTensor &in = frame.get(op->getOperand(0));
  if (!in.isFloat())
    return op->emitOpError()
           << "reference evaluator supports only float element types here "
              "(integer TOSA graphs use tosa.table)";
  RefTensor out = RefTensor::zeros(getResultElementType(op), in.shape);
  if (!out.isFloat())
    return op->emitOpError() << "result must be float";
  for (int64_t i = 0, e = in.getNumElements(); i < e; ++i)
    out.floats[i] = fn(in.floats[i]);
  return frame.setResult(op, op->getResult(0), std::move(out));
}

static LogicalResult evalExp(tosa::ExpOp op, Frame &frame) {
  return evalUnaryFloat(op, frame, [](double x) { return std::exp(x); });
}
static LogicalResult evalLog(tosa::LogOp op, Frame &frame) {
  return evalUnaryFloat(op, frame, [](double x) { return std::log(x); });
}
static LogicalResult evalReciprocal(tosa::ReciprocalOp op, Frame &frame) {
  return evalUnaryFloat(op, frame, [](double x) { return 1.0 / x; });
}
static LogicalResult evalRsqrt(tosa::RsqrtOp op, Frame &frame) {
  return evalUnaryFloat(op, frame, [](double x) { return 1.0 / std::sqrt(x); });
}
static LogicalResult evalSigmoid(tosa::SigmoidOp op, Frame &frame) {
  return evalUnaryFloat(op, frame,
                        [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}
static LogicalResult evalTanh(tosa::TanhOp op, Frame &frame) {
  return evalUnaryFloat(op, frame, [](double x) { return std::tanh(x); });
}
static LogicalResult evalFloor(tosa::FloorOp op, Frame &frame) {
  return evalUnaryFloat(op, frame, [](double x) { return std::floor(x); });
}
static LogicalResult evalCeil(tosa::CeilOp op, Frame &frame) {
  return evalUnaryFloat(op, frame, [](double x) { return std::ceil(x); });
}

static LogicalResult evalAbs(tosa::AbsOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput1());
  RefTensor out = in;
  out.elementType = getResultElementType(op);
  if (in.isFloat())
    for (double &x : out.floats)
      x = std::fabs(x);
  else
    for (int64_t &x : out.ints)
      x = x < 0 ? wrapSub(0, x) : x;
  return frame.setResult(op, op.getResult(), std::move(out));
}

/// The value of a clamp bound attribute in the input's representation.
static FailureOr<double> getBound(tosa::ClampOp op, Attribute attr,
                                  const RefTensor &in) {
  if (in.isFloat()) {
    if (auto floatAttr = dyn_cast<FloatAttr>(attr))
      return floatAttr.getValueAsDouble();
    return op.emitOpError() << "float clamp needs float bounds";
  }
  auto intAttr = dyn_cast<IntegerAttr>(attr);
  if (!intAttr)
    return op.emitOpError() << "integer clamp needs integer bounds";
  std::optional<IntFormat> format = getIntFormat(in.elementType);
  if (format && format->isUnsigned)
    return static_cast<double>(intAttr.getValue().getZExtValue());
  return static_cast<double>(intAttr.getValue().getSExtValue());
}

static LogicalResult evalClamp(tosa::ClampOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput());
  FailureOr<double> lo = getBound(op, op.getMinVal(), in);
  FailureOr<double> hi = getBound(op, op.getMaxVal(), in);
  if (failed(lo) || failed(hi))
    return failure();
  if (*lo > *hi)
    return op.emitOpError() << "min_val is greater than max_val";
  RefTensor out = in;
  out.elementType = getResultElementType(op);
  if (in.isFloat()) {
    bool ignoreNan = op.getNanMode() == tosa::NanPropagationMode::IGNORE;
    for (double &x : out.floats) {
      if (std::isnan(x))
        x = ignoreNan ? *lo : x;
      else
        x = std::min(std::max(x, *lo), *hi);
    }
  } else {
    auto ilo = static_cast<int64_t>(*lo), ihi = static_cast<int64_t>(*hi);
    for (int64_t &x : out.ints)
      x = std::min(std::max(x, ilo), ihi);
  }
  return frame.setResult(op, op.getResult(), std::move(out));
}

//===----------------------------------------------------------------------===//
// cast
//===----------------------------------------------------------------------===//

/// float -> float rounds to the output type; float -> int rounds half to
/// even and saturates (NaN -> 0); int -> float converts (then rounds to the
/// output type); int -> int keeps the low bits; anything -> i1 is `!= 0`.
static LogicalResult evalCast(tosa::CastOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput());
  Type outType = getResultElementType(op);
  RefTensor out = RefTensor::zeros(outType, in.shape);
  int64_t count = in.getNumElements();
  if (auto floatType = dyn_cast<FloatType>(outType)) {
    for (int64_t i = 0; i < count; ++i)
      out.floats[i] = roundToFloatType(in.getDouble(i), floatType);
    return frame.setResult(op, op.getResult(), std::move(out));
  }
  std::optional<IntFormat> format = getIntFormat(outType);
  if (!format)
    return op.emitOpError() << "reference evaluator cannot cast to " << outType;
  bool toBool = format->bits == 1;
  for (int64_t i = 0; i < count; ++i) {
    if (toBool) {
      out.ints[i] = in.getDouble(i) != 0.0;
    } else if (in.isFloat()) {
      double x = in.floats[i];
      if (std::isnan(x))
        out.ints[i] = 0;
      else
        out.ints[i] = static_cast<int64_t>(std::nearbyint(
            std::min(std::max(x, static_cast<double>(format->min)),
                     static_cast<double>(format->max))));
    } else {
      out.ints[i] = in.ints[i]; // setResult wraps to the output width.
    }
  }
  return frame.setResult(op, op.getResult(), std::move(out));
}

//===----------------------------------------------------------------------===//
// rescale
//===----------------------------------------------------------------------===//

/// Re-reads the bits of `value` (of `format`) as a `bits`-wide integer,
/// zero-extended when `asUnsigned`, sign-extended otherwise.
static int64_t extend(int64_t value, unsigned bits, bool asUnsigned) {
  IntFormat view;
  view.bits = bits;
  view.isUnsigned = asUnsigned;
  return view.wrap(value);
}

/// TOSA 1.0 RESCALE: value - input_zp, apply_scale_32 (SINGLE_ROUND or
/// DOUBLE_ROUND) or apply_scale_16, + output_zp, clip to the output range.
/// Every REQUIRE of the specification is checked and reported.
static LogicalResult evalRescale(tosa::RescaleOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput());
  std::optional<IntFormat> inFormat = getIntFormat(in.elementType);
  std::optional<IntFormat> outFormat = getIntFormat(getResultElementType(op));
  if (!inFormat || !outFormat || in.isFloat())
    return op.emitOpError() << "rescale needs integer input and output";
  tosa::RoundingMode rounding = op.getRoundingMode();
  bool scale32 = op.getScale32();
  if (rounding == tosa::RoundingMode::INEXACT_ROUND)
    return op.emitOpError()
           << "rounding_mode INEXACT_ROUND is implementation-defined; the "
              "reference evaluator supports SINGLE_ROUND and DOUBLE_ROUND";
  if (rounding == tosa::RoundingMode::DOUBLE_ROUND && !scale32)
    return op.emitOpError() << "DOUBLE_ROUND requires scale32 = true";

  FailureOr<int64_t> inZp = frame.getScalarInt(op, op.getInputZp(), "input_zp");
  FailureOr<int64_t> outZp =
      frame.getScalarInt(op, op.getOutputZp(), "output_zp");
  if (failed(inZp) || failed(outZp))
    return failure();
  bool inUnsigned = op.getInputUnsigned(), outUnsigned = op.getOutputUnsigned();
  int64_t extendedInZp = extend(*inZp, inFormat->bits, inUnsigned);
  int64_t extendedOutZp = extend(*outZp, outFormat->bits, outUnsigned);

  const RefTensor &multipliers = frame.get(op.getMultiplier());
  const RefTensor &shifts = frame.get(op.getShift());
  int64_t channels =
      op.getPerChannel() && in.getRank() > 0 ? in.shape.back() : 1;
  if (multipliers.getNumElements() != channels ||
      shifts.getNumElements() != channels)
    return op.emitOpError()
           << "multiplier and shift must have " << channels
           << " element(s), they have " << multipliers.getNumElements()
           << " and " << shifts.getNumElements();

  unsigned outBits = outFormat->bits;
  int64_t outMin = outUnsigned ? 0 : -(int64_t(1) << (outBits - 1));
  int64_t outMax = outUnsigned ? (int64_t(1) << outBits) - 1
                               : (int64_t(1) << (outBits - 1)) - 1;
  if (outBits >= 64)
    return op.emitOpError() << "output wider than 32 bits is not supported";

  RefTensor out = RefTensor::zeros(getResultElementType(op), in.shape);
  for (int64_t i = 0, e = in.getNumElements(); i < e; ++i) {
    int64_t c = channels == 1 ? 0 : i % channels;
    int64_t multiplier = multipliers.ints[c];
    int64_t shift = shifts.ints[c];
    int64_t value =
        extend(in.ints[i], inFormat->bits, inUnsigned) - extendedInZp;
    if (multiplier < 0 || shift < 2 || shift > 62)
      return op.emitOpError()
             << "channel " << c << ": multiplier " << multiplier
             << " and shift " << shift
             << " violate TOSA's multiplier >= 0, 2 <= shift <= 62";
    int64_t result;
    if (scale32) {
      if (value < INT32_MIN || value > INT32_MAX ||
          value < -(int64_t(1) << (shift - 1)) ||
          value >= (int64_t(1) << (shift - 1)))
        return op.emitOpError()
               << "element " << i << ": value " << value
               << " is outside the range apply_scale_32 allows for shift "
               << shift;
      int64_t round = int64_t(1) << (shift - 1);
      if (rounding == tosa::RoundingMode::DOUBLE_ROUND && shift > 31)
        round += value >= 0 ? (int64_t(1) << 30) : -(int64_t(1) << 30);
      result = (value * multiplier + round) >> shift;
    } else {
      __int128 product = static_cast<__int128>(value) * multiplier +
                         (static_cast<__int128>(1) << (shift - 1));
      product >>= shift;
      if (product < INT32_MIN || product > INT32_MAX)
        return op.emitOpError()
               << "element " << i
               << ": apply_scale_16 result leaves the int32 range";
      result = static_cast<int64_t>(product);
    }
    result += extendedOutZp;
    out.ints[i] = std::min(std::max(result, outMin), outMax);
  }
  return frame.setResult(op, op.getResult(), std::move(out));
}

void interp::registerTosaElementwiseEvaluators(OpEvaluatorRegistry &registry) {
  registry.add<tosa::AddOp>(evalAdd);
  registry.add<tosa::SubOp>(evalSub);
  registry.add<tosa::MulOp>(evalMul);
  registry.add<tosa::MaximumOp>(evalMaximum);
  registry.add<tosa::MinimumOp>(evalMinimum);
  registry.add<tosa::ExpOp>(evalExp);
  registry.add<tosa::LogOp>(evalLog);
  registry.add<tosa::ReciprocalOp>(evalReciprocal);
  registry.add<tosa::RsqrtOp>(evalRsqrt);
  registry.add<tosa::SigmoidOp>(evalSigmoid);
  registry.add<tosa::TanhOp>(evalTanh);
  registry.add<tosa::FloorOp>(evalFloor);
  registry.add<tosa::CeilOp>(evalCeil);
  registry.add<tosa::AbsOp>(evalAbs);
  registry.add<tosa::ClampOp>(evalClamp);
  registry.add<tosa::CastOp>(evalCast);
  registry.add<tosa::RescaleOp>(evalRescale);
}
