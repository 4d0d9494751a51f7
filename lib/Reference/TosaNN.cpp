//===- TosaNN.cpp - convolution, matmul and pooling TOSA ops --------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// conv2d, depthwise_conv2d, matmul, avg_pool2d and max_pool2d as the TOSA 1.0
// pseudo-code states them: NHWC activations, zero points subtracted from
// every operand element, padding positions skipped, float accumulation in
// double, integer accumulation in int64 (wrapped to the result type at the
// end).
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace hwq::ref;
using namespace hwq::ref::interp;

namespace {
/// Element access and arithmetic for the two value representations: double
/// for floats, wrapping int64 for integers.
template <typename T> struct Values;
template <> struct Values<double> {
  static const std::vector<double> &of(const RefTensor &t) { return t.floats; }
  static std::vector<double> &of(RefTensor &t) { return t.floats; }
  static double add(double a, double b) { return a + b; }
  static double sub(double a, double b) { return a - b; }
  static double mul(double a, double b) { return a * b; }
};
template <> struct Values<int64_t> {
  static const std::vector<int64_t> &of(const RefTensor &t) { return t.ints; }
  static std::vector<int64_t> &of(RefTensor &t) { return t.ints; }
  static int64_t add(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) +
                                static_cast<uint64_t>(b));
  }
  static int64_t sub(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) -
                                static_cast<uint64_t>(b));
  }
  static int64_t mul(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) *
                                static_cast<uint64_t>(b));
  }
};

/// Window geometry of a 2-D convolution or pooling op.
struct Window {
  int64_t kh, kw;
  int64_t padTop, padBottom, padLeft, padRight;
  int64_t strideY, strideX;
  int64_t dilationY = 1, dilationX = 1;
};
} // namespace

/// Checks `window` and computes the output height and width for an input of
/// `ih` x `iw`.
static LogicalResult getOutputSize(Operation *op, const Window &w, int64_t ih,
                                   int64_t iw, int64_t &oh, int64_t &ow) {
  if (w.kh < 1 || w.kw < 1 || w.strideY < 1 || w.strideX < 1 ||
      w.dilationY < 1 || w.dilationX < 1)
    return op->emitOpError() << "kernel, stride and dilation must be >= 1";
  if (w.padTop < 0 || w.padBottom < 0 || w.padLeft < 0 || w.padRight < 0)
    return op->emitOpError() << "padding must be >= 0";
  int64_t spanY = ih - 1 + w.padTop + w.padBottom - (w.kh - 1) * w.dilationY;
  int64_t spanX = iw - 1 + w.padLeft + w.padRight - (w.kw - 1) * w.dilationX;
  if (spanY < 0 || spanX < 0)
    return op->emitOpError() << "the window does not fit in the padded input";
  oh = spanY / w.strideY + 1;
  ow = spanX / w.strideX + 1;
  return success();
}

/// Reads the zero point operand of a float op (double) or integer op (int).
template <typename T>
static FailureOr<T> getZeroPoint(Operation *op, Frame &frame, Value value,
                                 StringRef what) {
  if constexpr (std::is_same_v<T, double>)
    return frame.getScalarDouble(op, value, what);
  else
    return frame.getScalarInt(op, value, what);
}

//===----------------------------------------------------------------------===//
// conv2d and depthwise_conv2d
//===----------------------------------------------------------------------===//

/// out[n, oy, ox, oc] = bias[oc] + sum over (ky, kx, ic) of
///   (in[n, y, x, ic] - input_zp) * (weight - weight_zp)
/// with y = oy * stride_y - pad_top + ky * dilation_y (x likewise), skipping
/// positions outside the input. `depthwise` selects the weight layout
/// [KH, KW, C, M] (output channel c * M + m reads input channel c) instead of
/// [OC, KH, KW, IC].
template <typename T>
static LogicalResult evalConvImpl(Operation *op, Frame &frame, Value inputV,
                                  Value weightV, Value biasV, Value inputZpV,
                                  Value weightZpV, ArrayRef<int64_t> pad,
                                  ArrayRef<int64_t> stride,
                                  ArrayRef<int64_t> dilation, bool depthwise) {
  using V = Values<T>;
  const RefTensor &input = frame.get(inputV);
  const RefTensor &weight = frame.get(weightV);
  const RefTensor &bias = frame.get(biasV);
  if (input.getRank() != 4 || weight.getRank() != 4 || bias.getRank() != 1)
    return op->emitOpError() << "expects a rank-4 input and weight and a "
                                "rank-1 bias";
  FailureOr<T> inputZp = getZeroPoint<T>(op, frame, inputZpV, "input_zp");
  FailureOr<T> weightZp = getZeroPoint<T>(op, frame, weightZpV, "weight_zp");
  if (failed(inputZp) || failed(weightZp))
    return failure();
  int64_t n = input.shape[0], ih = input.shape[1], iw = input.shape[2],
          ic = input.shape[3];
  int64_t kh, kw, oc, multiplier = 1;
  if (depthwise) {
    kh = weight.shape[0];
    kw = weight.shape[1];
    multiplier = weight.shape[3];
    if (weight.shape[2] != ic)
      return op->emitOpError() << "weight has " << weight.shape[2]
                               << " channels, the input " << ic;
    oc = ic * multiplier;
  } else {
    oc = weight.shape[0];
    kh = weight.shape[1];
    kw = weight.shape[2];
    if (weight.shape[3] != ic)
      return op->emitOpError() << "weight has " << weight.shape[3]
                               << " input channels, the input " << ic;
  }
  if (bias.shape[0] != oc && bias.shape[0] != 1)
    return op->emitOpError() << "bias has " << bias.shape[0]
                             << " elements, expected " << oc << " or 1";
  Window w{kh,     kw,        pad[0],    pad[1],      pad[2],
           pad[3], stride[0], stride[1], dilation[0], dilation[1]};
  int64_t oh, ow;
  if (failed(getOutputSize(op, w, ih, iw, oh, ow)))
    return failure();
  RefTensor out = RefTensor::zeros(getResultElementType(op), {n, oh, ow, oc});
  if (failed(checkSameKind(op, input, weight)) ||
      failed(checkSameKind(op, input, out)) ||
      failed(checkSameKind(op, input, bias)))
    return failure();

  const std::vector<T> &in = V::of(input), &wt = V::of(weight),
                       &b = V::of(bias);
  std::vector<T> &result = V::of(out);
  int64_t linear = 0;
  for (int64_t bn = 0; bn < n; ++bn)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox)
        for (int64_t c = 0; c < oc; ++c, ++linear) {
          T acc = T(0);
          int64_t iy0 = oy * w.strideY - w.padTop;
          int64_t ix0 = ox * w.strideX - w.padLeft;
          for (int64_t ky = 0; ky < kh; ++ky) {
            int64_t y = iy0 + ky * w.dilationY;
            if (y < 0 || y >= ih)
              continue;
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t x = ix0 + kx * w.dilationX;
              if (x < 0 || x >= iw)
                continue;
              int64_t rowBase = ((bn * ih + y) * iw + x) * ic;
              if (depthwise) {
                int64_t channel = c / multiplier, m = c % multiplier;
                T value = V::sub(in[rowBase + channel], *inputZp);
                T wv =
                    V::sub(wt[((ky * kw + kx) * ic + channel) * multiplier + m],
                           *weightZp);
                acc = V::add(acc, V::mul(value, wv));
              } else {
                int64_t weightBase = ((c * kh + ky) * kw + kx) * ic;
                for (int64_t i = 0; i < ic; ++i) {
                  T value = V::sub(in[rowBase + i], *inputZp);
                  T wv = V::sub(wt[weightBase + i], *weightZp);
                  acc = V::add(acc, V::mul(value, wv));
                }
              }
            }
          }
          result[linear] = V::add(acc, b[bias.shape[0] == 1 ? 0 : c]);
        }
  return frame.setResult(op, op->getResult(0), std::move(out));
}

/// Checks the sizes of the window attributes of a 2-D op.
static LogicalResult checkWindowAttrs(Operation *op, ArrayRef<int64_t> first,
                                      ArrayRef<int64_t> stride,
                                      ArrayRef<int64_t> pad) {
  if (first.size() != 2 || stride.size() != 2 || pad.size() != 4)
    return op->emitOpError() << "expects 2 kernel/dilation, 2 stride and 4 "
                                "pad values";
  return success();
}

template <typename OpT>
static LogicalResult evalConvOp(OpT op, Frame &frame, bool depthwise) {
  if (failed(
          checkWindowAttrs(op, op.getDilation(), op.getStride(), op.getPad())))
    return failure();
  bool isFloat = frame.get(op.getInput()).isFloat();
  auto impl = isFloat ? evalConvImpl<double> : evalConvImpl<int64_t>;
  return impl(op, frame, op.getInput(), op.getWeight(), op.getBias(),
              op.getInputZp(), op.getWeightZp(), op.getPad(), op.getStride(),
              op.getDilation(), depthwise);
}

static LogicalResult evalConv2D(tosa::Conv2DOp op, Frame &frame) {
  return evalConvOp(op, frame, /*depthwise=*/false);
}

static LogicalResult evalDepthwiseConv2D(tosa::DepthwiseConv2DOp op,
                                         Frame &frame) {
  return evalConvOp(op, frame, /*depthwise=*/true);
}

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

/// out[n, h, w] = sum over c of (a[n, h, c] - a_zp) * (b[n, c, w] - b_zp).
template <typename T>
static LogicalResult evalMatMulImpl(tosa::MatMulOp op, Frame &frame) {
  using V = Values<T>;
  const RefTensor &a = frame.get(op.getA());
  const RefTensor &b = frame.get(op.getB());
  if (a.getRank() != 3 || b.getRank() != 3)
    return op.emitOpError() << "expects rank-3 operands";
  int64_t n = a.shape[0], h = a.shape[1], c = a.shape[2], w = b.shape[2];
  if (b.shape[0] != n || b.shape[1] != c)
    return op.emitOpError()
           << "operand shapes " << hwq::runtime::formatShape(a.shape) << " and "
           << hwq::runtime::formatShape(b.shape) << " do not chain";
  FailureOr<T> aZp = getZeroPoint<T>(op, frame, op.getAZp(), "a_zp");
  FailureOr<T> bZp = getZeroPoint<T>(op, frame, op.getBZp(), "b_zp");
  if (failed(aZp) || failed(bZp))
    return failure();
  RefTensor out = RefTensor::zeros(getResultElementType(op), {n, h, w});
  if (failed(checkSameKind(op, a, b)) || failed(checkSameKind(op, a, out)))
    return failure();
  const std::vector<T> &av = V::of(a), &bv = V::of(b);
  std::vector<T> &result = V::of(out);
  for (int64_t bn = 0; bn < n; ++bn)
    for (int64_t i = 0; i < h; ++i)
      for (int64_t j = 0; j < w; ++j) {
        T acc = T(0);
        for (int64_t k = 0; k < c; ++k)
          acc = V::add(acc, V::mul(V::sub(av[(bn * h + i) * c + k], *aZp),
                                   V::sub(bv[(bn * c + k) * w + j], *bZp)));
        result[(bn * h + i) * w + j] = acc;
      }
  return frame.setResult(op, op.getResult(), std::move(out));
}

static LogicalResult evalMatMul(tosa::MatMulOp op, Frame &frame) {
  if (frame.get(op.getA()).isFloat())
    return evalMatMulImpl<double>(op, frame);
  return evalMatMulImpl<int64_t>(op, frame);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// TOSA's reciprocal_scale(count): a multiplier in [2^30, 2^31) and a shift
/// such that multiplier * 2^-shift ~= 1 / count.
static void reciprocalScale(uint32_t count, int64_t &multiplier,
                            int64_t &shift) {
  int64_t k = 0;
  while ((uint64_t(1) << k) < count) // (1 << k) / 2 < count <= (1 << k)
    ++k;
  int64_t numerator = ((int64_t(1) << 30) + 1) << k;
  multiplier = numerator / count;
  shift = 30 + k;
}

/// Calls `fn(linearOut, n, oy, ox, c, visit)` for every output element; visit
/// enumerates the linear input indices of the window inside the input.
static LogicalResult
forEachWindow(Operation *op, const RefTensor &input, const Window &w,
              SmallVectorImpl<int64_t> &outShape,
              llvm::function_ref<void(int64_t, ArrayRef<int64_t>)> fn) {
  if (input.getRank() != 4)
    return op->emitOpError() << "expects a rank-4 input";
  int64_t n = input.shape[0], ih = input.shape[1], iw = input.shape[2],
          c = input.shape[3];
  int64_t oh, ow;
  if (failed(getOutputSize(op, w, ih, iw, oh, ow)))
    return failure();
  outShape.assign({n, oh, ow, c});
  SmallVector<int64_t> window;
  int64_t linear = 0;
  for (int64_t bn = 0; bn < n; ++bn)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox)
        for (int64_t ch = 0; ch < c; ++ch, ++linear) {
          window.clear();
          for (int64_t ky = 0; ky < w.kh; ++ky) {
            int64_t y = oy * w.strideY - w.padTop + ky;
            for (int64_t kx = 0; kx < w.kw; ++kx) {
              int64_t x = ox * w.strideX - w.padLeft + kx;
              if (y >= 0 && y < ih && x >= 0 && x < iw)
                window.push_back(((bn * ih + y) * iw + x) * c + ch);
            }
          }
          fn(linear, window);
        }
  return success();
}

/// avg_pool2d: the mean of the in-bounds window elements (padding does not
/// count). Integer: sum (v - input_zp), times reciprocal_scale(count) with
/// apply_scale_32 (single rounding), + output_zp, clipped to the type.
static LogicalResult evalAvgPool2d(tosa::AvgPool2dOp op, Frame &frame) {
  const RefTensor &input = frame.get(op.getInput());
  ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStride(),
                    pad = op.getPad();
  if (failed(checkWindowAttrs(op, kernel, stride, pad)))
    return failure();
  Window w{kernel[0], kernel[1], pad[0],    pad[1],
           pad[2],    pad[3],    stride[0], stride[1]};
  Type outType = getResultElementType(op);
  SmallVector<int64_t> shape;
  if (input.isFloat()) {
    FailureOr<double> inZp =
        frame.getScalarDouble(op, op.getInputZp(), "input_zp");
    FailureOr<double> outZp =
        frame.getScalarDouble(op, op.getOutputZp(), "output_zp");
    if (failed(inZp) || failed(outZp))
      return failure();
    std::vector<double> values;
    if (failed(forEachWindow(
            op, input, w, shape, [&](int64_t, ArrayRef<int64_t> window) {
              double acc = 0;
              for (int64_t i : window)
                acc += input.floats[i] - *inZp;
              values.push_back(window.empty() ? 0.0
                                              : acc / window.size() + *outZp);
            })))
      return failure();
    RefTensor out = RefTensor::zeros(outType, shape);
    if (failed(checkSameKind(op, input, out)))
      return failure();
    out.floats = std::move(values);
    return frame.setResult(op, op.getResult(), std::move(out));
  }

  std::optional<IntFormat> format = getIntFormat(outType);
  FailureOr<int64_t> inZp = frame.getScalarInt(op, op.getInputZp(), "input_zp");
  FailureOr<int64_t> outZp =
      frame.getScalarInt(op, op.getOutputZp(), "output_zp");
  if (!format || failed(inZp) || failed(outZp))
    return failure();
  std::vector<int64_t> values;
  bool outOfRange = false;
  if (failed(forEachWindow(
          op, input, w, shape, [&](int64_t, ArrayRef<int64_t> window) {
            int64_t acc = 0;
            for (int64_t i : window)
              acc += input.ints[i] - *inZp;
            if (window.empty()) {
              values.push_back(format->saturate(*outZp));
              return;
            }
            int64_t multiplier, shift;
            reciprocalScale(window.size(), multiplier, shift);
            if (acc < -(int64_t(1) << (shift - 1)) ||
                acc >= (int64_t(1) << (shift - 1)))
              outOfRange = true;
            int64_t scaled =
                (acc * multiplier + (int64_t(1) << (shift - 1))) >> shift;
            values.push_back(format->saturate(scaled + *outZp));
          })))
    return failure();
  if (outOfRange)
    return op.emitOpError() << "accumulator exceeds the range apply_scale_32 "
                               "allows";
  RefTensor out = RefTensor::zeros(outType, shape);
  if (failed(checkSameKind(op, input, out)))
    return failure();
  out.ints = std::move(values);
  return frame.setResult(op, op.getResult(), std::move(out));
}

/// max_pool2d: the maximum of the in-bounds window elements, starting from
/// the lowest value of the type (-inf for floats). NaN: PROPAGATE makes the
/// result NaN, IGNORE skips NaN elements.
static LogicalResult evalMaxPool2d(tosa::MaxPool2dOp op, Frame &frame) {
  const RefTensor &input = frame.get(op.getInput());
  ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStride(),
                    pad = op.getPad();
  if (failed(checkWindowAttrs(op, kernel, stride, pad)))
    return failure();
  Window w{kernel[0], kernel[1], pad[0],    pad[1],
           pad[2],    pad[3],    stride[0], stride[1]};
  bool propagate = op.getNanMode() == tosa::NanPropagationMode::PROPAGATE;
  Type outType = getResultElementType(op);
  SmallVector<int64_t> shape;
  std::vector<double> floats;
  std::vector<int64_t> ints;
  std::optional<IntFormat> format = getIntFormat(input.elementType);
  if (failed(forEachWindow(
          op, input, w, shape, [&](int64_t, ArrayRef<int64_t> window) {
            if (input.isFloat()) {
              double acc = -std::numeric_limits<double>::infinity();
              for (int64_t i : window) {
                double x = input.floats[i];
                if (std::isnan(x)) {
                  if (propagate) {
                    acc = x;
                    break;
                  }
                  continue;
                }
                acc = std::max(acc, x);
              }
              floats.push_back(acc);
            } else {
              int64_t acc = format ? format->min : INT64_MIN;
              for (int64_t i : window)
                acc = std::max(acc, input.ints[i]);
              ints.push_back(acc);
            }
          })))
    return failure();
  RefTensor out = RefTensor::zeros(outType, shape);
  if (failed(checkSameKind(op, input, out)))
    return failure();
  if (input.isFloat())
    out.floats = std::move(floats);
  else
    out.ints = std::move(ints);
  return frame.setResult(op, op.getResult(), std::move(out));
}

void interp::registerTosaNNEvaluators(OpEvaluatorRegistry &registry) {
  registry.add<tosa::Conv2DOp>(evalConv2D);
  registry.add<tosa::DepthwiseConv2DOp>(evalDepthwiseConv2D);
  registry.add<tosa::MatMulOp>(evalMatMul);
  registry.add<tosa::AvgPool2dOp>(evalAvgPool2d);
  registry.add<tosa::MaxPool2dOp>(evalMaxPool2d);
}
