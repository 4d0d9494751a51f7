//===- Hwq.cpp - realized integer hwq ops (non-contractions) --------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq.quantize, hwq.dequantize, hwq.requantize, hwq.add, hwq.mul,
// hwq.avg_pool2d, hwq.max_pool2d and hwq.concat, exactly as their
// descriptions in HwqOps.td state, with the primitives of
// hwq/Support/FixedPoint.h. The fixed-point constants are taken from the op's
// attributes where the op carries them (the verifier pins them to the types)
// and derived from the types where it does not (avg_pool2d).
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"
#include "hwq/Support/FixedPoint.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::ref;
using namespace hwq::ref::interp;

/// Reads the parameters of a quantized value, with an error on `op`.
static FailureOr<QuantParams> getParams(Operation *op, Value value) {
  FailureOr<QuantParams> params = getQuantParams(value.getType());
  if (failed(params))
    return op->emitOpError() << "expects a per-tensor or per-axis "
                                "!quant.uniform tensor, got "
                             << value.getType();
  return params;
}

/// clamp(roundingMultiplyByQ31(centered, m, n) + zeroPoint, lo, hi), the
/// zero point added without overflow.
static int64_t requantizeValue(int64_t centered, int32_t multiplier,
                               int32_t shift, int64_t zeroPoint, int64_t lo,
                               int64_t hi) {
  __int128 value = roundingMultiplyByQ31(centered, multiplier, shift);
  value += zeroPoint;
  return value < lo ? lo : (value > hi ? hi : static_cast<int64_t>(value));
}

/// The clip range: the storage range intersected with the optional clamps.
static std::pair<int64_t, int64_t> getClipRange(const QuantParams &out,
                                                std::optional<int64_t> lo,
                                                std::optional<int64_t> hi) {
  return {std::max(out.storageMin, lo.value_or(out.storageMin)),
          std::min(out.storageMax, hi.value_or(out.storageMax))};
}

/// The channel of linear index `i` along `axis` of `shape` (0 when no axis).
static int64_t channelOf(int64_t i, ArrayRef<int64_t> shape,
                         std::optional<int64_t> axis) {
  if (!axis)
    return 0;
  int64_t inner = getNumElements(shape.drop_front(*axis + 1));
  return (i / inner) % shape[*axis];
}

/// Checks that a per-axis parameter set has one entry per channel of the
/// tensor it describes.
static LogicalResult checkChannels(Operation *op, const QuantParams &params,
                                   ArrayRef<int64_t> shape) {
  if (!params.isPerAxis())
    return success();
  if (*params.axis < 0 || *params.axis >= static_cast<int64_t>(shape.size()) ||
      static_cast<int64_t>(params.getNumChannels()) != shape[*params.axis])
    return op->emitOpError() << "per-axis quantized dimension does not match "
                                "the tensor shape";
  return success();
}

//===----------------------------------------------------------------------===//
// quantize, dequantize, requantize
//===----------------------------------------------------------------------===//

/// q = clamp(round(x / s) + z, storage_min, storage_max) (quantizeReal).
static LogicalResult evalQuantize(QuantizeOp op, Frame &frame) {
  FailureOr<QuantParams> out = getParams(op, op.getOutput());
  const RefTensor &input = frame.get(op.getInput());
  if (failed(out) || failed(checkChannels(op, *out, input.shape)))
    return failure();
  if (!input.isFloat())
    return op.emitOpError() << "input must be float";
  RefTensor result = RefTensor::zeros(getResultElementType(op), input.shape);
  std::optional<int64_t> axis;
  if (out->axis)
    axis = *out->axis;
  for (int64_t i = 0, e = input.getNumElements(); i < e; ++i) {
    int64_t c = channelOf(i, input.shape, axis);
    result.ints[i] =
        quantizeReal(input.floats[i], out->getScale(c), out->getZeroPoint(c),
                     out->storageMin, out->storageMax, op.getRounding());
  }
  return frame.setResult(op, op.getOutput(), std::move(result));
}

/// x = float((q - z) * s): the product in double, rounded to the result type.
static LogicalResult evalDequantize(DequantizeOp op, Frame &frame) {
  FailureOr<QuantParams> in = getParams(op, op.getInput());
  const RefTensor &input = frame.get(op.getInput());
  if (failed(in) || failed(checkChannels(op, *in, input.shape)))
    return failure();
  auto floatType = dyn_cast<FloatType>(getResultElementType(op));
  if (!floatType)
    return op.emitOpError() << "result must be float";
  RefTensor result = RefTensor::zeros(floatType, input.shape);
  std::optional<int64_t> axis;
  if (in->axis)
    axis = *in->axis;
  for (int64_t i = 0, e = input.getNumElements(); i < e; ++i) {
    int64_t c = channelOf(i, input.shape, axis);
    result.floats[i] = roundToFloatType(
        static_cast<double>(input.ints[i] - in->getZeroPoint(c)) *
            in->getScale(c),
        floatType);
  }
  return frame.setResult(op, op.getOutput(), std::move(result));
}

/// output[i] = clamp(roundingMultiplyByQ31(input[i] - z_in[c], m[c], n[c])
///                   + z_out[c], lo, hi)
static LogicalResult evalRequantize(RequantizeOp op, Frame &frame) {
  FailureOr<QuantParams> in = getParams(op, op.getInput());
  FailureOr<QuantParams> out = getParams(op, op.getOutput());
  const RefTensor &input = frame.get(op.getInput());
  if (failed(in) || failed(out) ||
      failed(checkChannels(op, *in, input.shape)) ||
      failed(checkChannels(op, *out, input.shape)))
    return failure();
  ArrayRef<int32_t> multipliers = op.getMultiplier(), shifts = op.getShift();
  std::optional<int64_t> axis = op.getAxis();
  if (axis && (*axis < 0 || *axis >= input.getRank()))
    return op.emitOpError() << "axis is out of range";
  int64_t channels = axis ? input.shape[*axis] : 1;
  if (multipliers.size() != shifts.size() ||
      (multipliers.size() != 1 &&
       static_cast<int64_t>(multipliers.size()) != channels))
    return op.emitOpError()
           << "multiplier and shift must have 1 or " << channels << " elements";
  for (auto [m, n] : llvm::zip(multipliers, shifts))
    if (m < 0 || n < 0 || n > kMaxFixedPointShift)
      return op.emitOpError()
             << "multiplier " << m << " / shift " << n << " out of range";
  auto [lo, hi] = getClipRange(*out, op.getClampMin(), op.getClampMax());
  RefTensor result = RefTensor::zeros(getResultElementType(op), input.shape);
  for (int64_t i = 0, e = input.getNumElements(); i < e; ++i) {
    int64_t c = channelOf(i, input.shape, axis);
    size_t k = multipliers.size() == 1 ? 0 : c;
    result.ints[i] =
        requantizeValue(input.ints[i] - in->getZeroPoint(c), multipliers[k],
                        shifts[k], out->getZeroPoint(c), lo, hi);
  }
  return frame.setResult(op, op.getOutput(), std::move(result));
}

//===----------------------------------------------------------------------===//
// add, mul
//===----------------------------------------------------------------------===//

/// Parameters of a binary op: both inputs and the output, all per-tensor.
static LogicalResult getBinaryParams(Operation *op, QuantParams &a,
                                     QuantParams &b, QuantParams &out) {
  FailureOr<QuantParams> pa = getParams(op, op->getOperand(0));
  FailureOr<QuantParams> pb = getParams(op, op->getOperand(1));
  FailureOr<QuantParams> po = getParams(op, op->getResult(0));
  if (failed(pa) || failed(pb) || failed(po))
    return failure();
  if (pa->isPerAxis() || pb->isPerAxis() || po->isPerAxis())
    return op->emitOpError() << "operands and result must be per-tensor";
  a = *pa, b = *pb, out = *po;
  return success();
}

/// a' = rmq(a - z_a, m_a, n_a); b' = rmq(b - z_b, m_b, n_b);
/// output = clamp(rmq(a' + b', m_out, n_out) + z_out, lo, hi)
static LogicalResult evalAdd(AddOp op, Frame &frame) {
  QuantParams pa, pb, po;
  if (failed(getBinaryParams(op, pa, pb, po)))
    return failure();
  const RefTensor &a = frame.get(op.getA());
  const RefTensor &b = frame.get(op.getB());
  FailureOr<SmallVector<int64_t, 4>> shape =
      broadcastShapes(op, a.shape, b.shape);
  if (failed(shape))
    return failure();
  for (int32_t n : {op.getShiftA(), op.getShiftB(), op.getShiftOut()})
    if (n < 0 || n > kMaxFixedPointShift)
      return op.emitOpError() << "shift " << n << " out of range";
  auto [lo, hi] = getClipRange(po, op.getClampMin(), op.getClampMax());
  RefTensor out = RefTensor::zeros(getResultElementType(op), *shape);
  forEachBroadcast(
      *shape, a.shape, b.shape, [&](int64_t o, int64_t ia, int64_t ib) {
        int64_t sa = roundingMultiplyByQ31(a.ints[ia] - pa.getZeroPoint(),
                                           op.getMultiplierA(), op.getShiftA());
        int64_t sb = roundingMultiplyByQ31(b.ints[ib] - pb.getZeroPoint(),
                                           op.getMultiplierB(), op.getShiftB());
        out.ints[o] =
            requantizeValue(sa + sb, op.getMultiplierOut(), op.getShiftOut(),
                            po.getZeroPoint(), lo, hi);
      });
  return frame.setResult(op, op.getOutput(), std::move(out));
}

/// p = (a - z_a) * (b - z_b); output = clamp(rmq(p, m, n) + z_out, lo, hi)
static LogicalResult evalMul(MulOp op, Frame &frame) {
  QuantParams pa, pb, po;
  if (failed(getBinaryParams(op, pa, pb, po)))
    return failure();
  const RefTensor &a = frame.get(op.getA());
  const RefTensor &b = frame.get(op.getB());
  FailureOr<SmallVector<int64_t, 4>> shape =
      broadcastShapes(op, a.shape, b.shape);
  if (failed(shape))
    return failure();
  if (op.getShift() < 0 || op.getShift() > kMaxFixedPointShift)
    return op.emitOpError() << "shift out of range";
  auto [lo, hi] = getClipRange(po, op.getClampMin(), op.getClampMax());
  RefTensor out = RefTensor::zeros(getResultElementType(op), *shape);
  forEachBroadcast(
      *shape, a.shape, b.shape, [&](int64_t o, int64_t ia, int64_t ib) {
        int64_t p =
            (a.ints[ia] - pa.getZeroPoint()) * (b.ints[ib] - pb.getZeroPoint());
        out.ints[o] = requantizeValue(p, op.getMultiplier(), op.getShift(),
                                      po.getZeroPoint(), lo, hi);
      });
  return frame.setResult(op, op.getOutput(), std::move(out));
}

//===----------------------------------------------------------------------===//
// Pooling and concat
//===----------------------------------------------------------------------===//

/// Calls `fn(linear, window)` per output element of a 2-D pool, with the
/// linear input indices of the window's valid (non-padding) elements.
static LogicalResult forEachPoolWindow(
    Operation *op, const RefTensor &input, ArrayRef<int64_t> kernel,
    ArrayRef<int64_t> stride, ArrayRef<int64_t> pad,
    SmallVectorImpl<int64_t> &shape,
    llvm::function_ref<LogicalResult(int64_t, ArrayRef<int64_t>)> fn) {
  if (input.getRank() != 4 || kernel.size() != 2 || stride.size() != 2 ||
      pad.size() != 4)
    return op->emitOpError() << "expects a rank-4 input, 2 kernel, 2 stride "
                                "and 4 pad values";
  if (kernel[0] < 1 || kernel[1] < 1 || stride[0] < 1 || stride[1] < 1 ||
      llvm::any_of(pad, [](int64_t p) { return p < 0; }))
    return op->emitOpError() << "invalid kernel, stride or pad";
  int64_t n = input.shape[0], h = input.shape[1], w = input.shape[2],
          c = input.shape[3];
  int64_t numY = h + pad[0] + pad[1] - kernel[0];
  int64_t numX = w + pad[2] + pad[3] - kernel[1];
  if (numY < 0 || numX < 0)
    return op->emitOpError() << "the window does not fit in the padded input";
  int64_t oh = numY / stride[0] + 1, ow = numX / stride[1] + 1;
  shape.assign({n, oh, ow, c});
  SmallVector<int64_t> window;
  int64_t linear = 0;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        for (int64_t ch = 0; ch < c; ++ch, ++linear) {
          window.clear();
          for (int64_t ky = 0; ky < kernel[0]; ++ky)
            for (int64_t kx = 0; kx < kernel[1]; ++kx) {
              int64_t iy = y * stride[0] - pad[0] + ky;
              int64_t ix = x * stride[1] - pad[2] + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                window.push_back(((b * h + iy) * w + ix) * c + ch);
            }
          if (failed(fn(linear, window)))
            return failure();
        }
  return success();
}

/// sum and count over the valid window elements;
/// (m, n) = computeMultiplierAndShift(s_in / float32(count * s_out));
/// output = clamp(rmq(sum, m, n) + z_out, storage range)
static LogicalResult evalAvgPool2D(AvgPool2DOp op, Frame &frame) {
  FailureOr<QuantParams> in = getParams(op, op.getInput());
  FailureOr<QuantParams> out = getParams(op, op.getOutput());
  if (failed(in) || failed(out))
    return failure();
  if (in->isPerAxis() || out->isPerAxis())
    return op.emitOpError() << "input and output must be per-tensor";
  const RefTensor &input = frame.get(op.getInput());
  SmallVector<int64_t> shape;
  std::vector<int64_t> values;
  LogicalResult walked = forEachPoolWindow(
      op, input, op.getKernel(), op.getStride(), op.getPad(), shape,
      [&](int64_t, ArrayRef<int64_t> window) -> LogicalResult {
        if (window.empty())
          return op.emitOpError() << "a window holds only padding";
        int64_t sum = 0;
        for (int64_t i : window)
          sum += input.ints[i] - in->getZeroPoint();
        double count = static_cast<double>(window.size());
        std::optional<FixedPointMultiplier> fixed = computeMultiplierAndShift(
            in->getScale() / roundScaleToF32(count * out->getScale()));
        if (!fixed)
          return op.emitOpError() << "the rescale of a " << window.size()
                                  << "-element window is not representable";
        values.push_back(requantizeValue(sum, fixed->multiplier, fixed->shift,
                                         out->getZeroPoint(), out->storageMin,
                                         out->storageMax));
        return success();
      });
  if (failed(walked))
    return failure();
  RefTensor result = RefTensor::zeros(getResultElementType(op), shape);
  result.ints = std::move(values);
  return frame.setResult(op, op.getOutput(), std::move(result));
}

/// The maximum stored integer of the valid window elements.
static LogicalResult evalMaxPool2D(MaxPool2DOp op, Frame &frame) {
  const RefTensor &input = frame.get(op.getInput());
  if (input.isFloat())
    return op.emitOpError() << "input must be quantized";
  SmallVector<int64_t> shape;
  std::vector<int64_t> values;
  LogicalResult walked = forEachPoolWindow(
      op, input, op.getKernel(), op.getStride(), op.getPad(), shape,
      [&](int64_t, ArrayRef<int64_t> window) -> LogicalResult {
        if (window.empty())
          return op.emitOpError() << "a window holds only padding";
        int64_t best = input.ints[window.front()];
        for (int64_t i : window)
          best = std::max(best, input.ints[i]);
        values.push_back(best);
        return success();
      });
  if (failed(walked))
    return failure();
  RefTensor result = RefTensor::zeros(getResultElementType(op), shape);
  result.ints = std::move(values);
  return frame.setResult(op, op.getOutput(), std::move(result));
}

/// The inputs' integers, copied in order along `axis`.
static LogicalResult evalConcat(ConcatOp op, Frame &frame) {
  auto inputs = op.getInputs();
  if (inputs.empty())
    return op.emitOpError() << "needs at least one input";
  const RefTensor &first = frame.get(inputs.front());
  int64_t rank = first.getRank(), axis = op.getAxis();
  if (axis < 0 || axis >= rank)
    return op.emitOpError() << "axis " << axis << " is out of range";
  SmallVector<int64_t, 4> shape(first.shape);
  shape[axis] = 0;
  for (Value value : inputs) {
    const RefTensor &t = frame.get(value);
    if (t.getRank() != rank || t.isFloat())
      return op.emitOpError()
             << "inputs must be quantized tensors of rank " << rank;
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && t.shape[d] != first.shape[d])
        return op.emitOpError() << "inputs differ in dimension " << d;
    shape[axis] += t.shape[axis];
  }
  RefTensor out = RefTensor::zeros(getResultElementType(op), shape);
  int64_t outer = getNumElements(ArrayRef<int64_t>(shape).take_front(axis));
  int64_t inner = getNumElements(ArrayRef<int64_t>(shape).drop_front(axis + 1));
  auto position = out.ints.begin();
  for (int64_t o = 0; o < outer; ++o)
    for (Value value : inputs) {
      const RefTensor &t = frame.get(value);
      int64_t chunk = t.shape[axis] * inner;
      position = std::copy_n(t.ints.begin() + o * chunk, chunk, position);
    }
  return frame.setResult(op, op.getOutput(), std::move(out));
}

void interp::registerHwqEvaluators(OpEvaluatorRegistry &registry) {
  registry.add<QuantizeOp>(evalQuantize);
  registry.add<DequantizeOp>(evalDequantize);
  registry.add<RequantizeOp>(evalRequantize);
  registry.add<AddOp>(evalAdd);
  registry.add<MulOp>(evalMul);
  registry.add<AvgPool2DOp>(evalAvgPool2D);
  registry.add<MaxPool2DOp>(evalMaxPool2D);
  registry.add<ConcatOp>(evalConcat);
}
