//===- HwqContractions.cpp - realized integer contractions ----------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq.conv2d, hwq.depthwise_conv2d, hwq.fully_connected and hwq.matmul,
// exactly as their descriptions in HwqOps.td state: exact integer
// accumulation of zero-point-centered products (plus the bias), wrapped once
// to the accumulator's storage width. The accumulation runs in 64-bit two's
// complement, which is exact modulo 2^64 and therefore modulo 2^W.
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::ref;
using namespace hwq::ref::interp;

namespace {
/// acc + a * b in 64-bit two's complement (no undefined overflow).
int64_t macWrap(int64_t acc, int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(acc) +
                              static_cast<uint64_t>(a) *
                                  static_cast<uint64_t>(b));
}

/// Quantization parameters of the operands and the result of a contraction.
struct ContractionParams {
  QuantParams input, weight, output;
};
} // namespace

/// Reads the parameters of `lhs`, `rhs` and the result of `op`.
static FailureOr<ContractionParams> getParams(Operation *op, Value lhs,
                                              Value rhs) {
  FailureOr<QuantParams> input = getQuantParams(lhs.getType());
  FailureOr<QuantParams> weight = getQuantParams(rhs.getType());
  FailureOr<QuantParams> output = getQuantParams(op->getResult(0).getType());
  if (failed(input) || failed(weight) || failed(output))
    return op->emitOpError() << "operands and result must be per-tensor or "
                                "per-axis !quant.uniform tensors";
  if (input->isPerAxis())
    return op->emitOpError() << "the activation must be per-tensor";
  return ContractionParams{*input, *weight, *output};
}

/// The bias values (or none).
static const std::vector<int64_t> *getBias(Frame &frame, Value bias) {
  return bias ? &frame.get(bias).ints : nullptr;
}

/// Checks the window attributes of a convolution.
static LogicalResult checkWindow(Operation *op, ArrayRef<int64_t> pad,
                                 ArrayRef<int64_t> stride,
                                 ArrayRef<int64_t> dilation) {
  if (pad.size() != 4 || stride.size() != 2 || dilation.size() != 2)
    return op->emitOpError() << "expects 4 pad, 2 stride and 2 dilation values";
  if (llvm::any_of(pad, [](int64_t p) { return p < 0; }) ||
      llvm::any_of(stride, [](int64_t s) { return s < 1; }) ||
      llvm::any_of(dilation, [](int64_t d) { return d < 1; }))
    return op->emitOpError() << "pad must be >= 0, stride and dilation >= 1";
  return success();
}

/// Output size of one spatial axis: (H + pads - ((K - 1) * d + 1)) / s + 1.
static FailureOr<int64_t> getOutputExtent(Operation *op, int64_t in,
                                          int64_t padLo, int64_t padHi,
                                          int64_t kernel, int64_t stride,
                                          int64_t dilation) {
  int64_t numerator = in + padLo + padHi - ((kernel - 1) * dilation + 1);
  if (numerator < 0)
    return op->emitOpError() << "the window does not fit in the padded input";
  return numerator / stride + 1;
}

/// hwq.conv2d and hwq.depthwise_conv2d (weights OHWI, or HWCM when
/// `depthwise`).
static LogicalResult evalConv(Operation *op, Frame &frame, Value inputV,
                              Value weightV, Value biasV, ArrayRef<int64_t> pad,
                              ArrayRef<int64_t> stride,
                              ArrayRef<int64_t> dilation, bool depthwise) {
  FailureOr<ContractionParams> params = getParams(op, inputV, weightV);
  if (failed(params) || failed(checkWindow(op, pad, stride, dilation)))
    return failure();
  const RefTensor &input = frame.get(inputV);
  const RefTensor &weight = frame.get(weightV);
  const std::vector<int64_t> *bias = getBias(frame, biasV);
  if (input.getRank() != 4 || weight.getRank() != 4)
    return op->emitOpError() << "expects rank-4 input and weight";
  int64_t n = input.shape[0], h = input.shape[1], w = input.shape[2],
          c = input.shape[3];
  int64_t kh, kw, oc, m = 1;
  if (depthwise) {
    kh = weight.shape[0], kw = weight.shape[1], m = weight.shape[3];
    oc = c * m;
    if (weight.shape[2] != c)
      return op->emitOpError() << "weight dimension 2 must equal the input "
                                  "channels";
  } else {
    oc = weight.shape[0], kh = weight.shape[1], kw = weight.shape[2];
    if (weight.shape[3] != c)
      return op->emitOpError() << "weight dimension 3 must equal the input "
                                  "channels";
  }
  if (bias && static_cast<int64_t>(bias->size()) != oc)
    return op->emitOpError() << "bias must have " << oc << " elements";
  FailureOr<int64_t> oh =
      getOutputExtent(op, h, pad[0], pad[1], kh, stride[0], dilation[0]);
  FailureOr<int64_t> ow =
      getOutputExtent(op, w, pad[2], pad[3], kw, stride[1], dilation[1]);
  if (failed(oh) || failed(ow))
    return failure();

  int64_t zIn = params->input.getZeroPoint();
  unsigned width = params->output.storageWidth;
  RefTensor out = RefTensor::zeros(getResultElementType(op), {n, *oh, *ow, oc});
  int64_t linear = 0;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < *oh; ++y)
      for (int64_t x = 0; x < *ow; ++x)
        for (int64_t o = 0; o < oc; ++o, ++linear) {
          int64_t acc = bias ? (*bias)[o] : 0;
          int64_t channel = o / m, mult = o % m; // depthwise only
          // z_w of output channel o (conv) or input channel c (depthwise).
          int64_t zW = params->weight.getZeroPoint(depthwise ? channel : o);
          for (int64_t ky = 0; ky < kh; ++ky) {
            int64_t iy = y * stride[0] - pad[0] + ky * dilation[0];
            if (iy < 0 || iy >= h)
              continue;
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t ix = x * stride[1] - pad[2] + kx * dilation[1];
              if (ix < 0 || ix >= w)
                continue;
              int64_t row = ((b * h + iy) * w + ix) * c;
              if (depthwise) {
                acc = macWrap(
                    acc, input.ints[row + channel] - zIn,
                    weight.ints[((ky * kw + kx) * c + channel) * m + mult] -
                        zW);
                continue;
              }
              int64_t wrow = ((o * kh + ky) * kw + kx) * c;
              for (int64_t i = 0; i < c; ++i)
                acc = macWrap(acc, input.ints[row + i] - zIn,
                              weight.ints[wrow + i] - zW);
            }
          }
          out.ints[linear] = wrapToWidth(acc, width);
        }
  return frame.setResult(op, op->getResult(0), std::move(out));
}

static LogicalResult evalConv2D(Conv2DOp op, Frame &frame) {
  return evalConv(op, frame, op.getInput(), op.getWeight(), op.getBias(),
                  op.getPad(), op.getStride(), op.getDilation(),
                  /*depthwise=*/false);
}

static LogicalResult evalDepthwiseConv2D(DepthwiseConv2DOp op, Frame &frame) {
  return evalConv(op, frame, op.getInput(), op.getWeight(), op.getBias(),
                  op.getPad(), op.getStride(), op.getDilation(),
                  /*depthwise=*/true);
}

/// output[i..., o] = wrap(bias[o] + sum_k (in[i..., k] - z_in)
///                                         * (w[o, k] - z_w[o]), W)
static LogicalResult evalFullyConnected(FullyConnectedOp op, Frame &frame) {
  FailureOr<ContractionParams> params =
      getParams(op, op.getInput(), op.getWeight());
  if (failed(params))
    return failure();
  const RefTensor &input = frame.get(op.getInput());
  const RefTensor &weight = frame.get(op.getWeight());
  const std::vector<int64_t> *bias = getBias(frame, op.getBias());
  if (input.getRank() < 2 || weight.getRank() != 2)
    return op.emitOpError() << "expects an input of rank >= 2 and a rank-2 "
                               "weight";
  int64_t k = input.shape.back(), oc = weight.shape[0];
  if (weight.shape[1] != k)
    return op.emitOpError() << "weight dimension 1 must equal the input's "
                               "last dimension";
  if (bias && static_cast<int64_t>(bias->size()) != oc)
    return op.emitOpError() << "bias must have " << oc << " elements";
  SmallVector<int64_t, 4> shape(input.shape);
  shape.back() = oc;
  RefTensor out = RefTensor::zeros(getResultElementType(op), shape);
  int64_t rows = getNumElements(ArrayRef<int64_t>(input.shape).drop_back());
  int64_t zIn = params->input.getZeroPoint();
  unsigned width = params->output.storageWidth;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t o = 0; o < oc; ++o) {
      int64_t acc = bias ? (*bias)[o] : 0;
      int64_t zW = params->weight.getZeroPoint(o);
      for (int64_t i = 0; i < k; ++i)
        acc = macWrap(acc, input.ints[r * k + i] - zIn,
                      weight.ints[o * k + i] - zW);
      out.ints[r * oc + o] = wrapToWidth(acc, width);
    }
  return frame.setResult(op, op.getResult(), std::move(out));
}

/// output[b, m, n] = wrap(sum_k (a[b, m, k] - z_a) * (b[b, k, n] - z_b), W)
static LogicalResult evalMatMul(MatMulOp op, Frame &frame) {
  FailureOr<ContractionParams> params = getParams(op, op.getA(), op.getB());
  if (failed(params))
    return failure();
  if (params->weight.isPerAxis())
    return op.emitOpError() << "operands must be per-tensor";
  const RefTensor &a = frame.get(op.getA());
  const RefTensor &b = frame.get(op.getB());
  if (a.getRank() != 3 || b.getRank() != 3 || a.shape[0] != b.shape[0] ||
      a.shape[2] != b.shape[1])
    return op.emitOpError() << "expects [B, M, K] x [B, K, N] operands";
  int64_t batch = a.shape[0], m = a.shape[1], k = a.shape[2], n = b.shape[2];
  int64_t zA = params->input.getZeroPoint(), zB = params->weight.getZeroPoint();
  unsigned width = params->output.storageWidth;
  RefTensor out = RefTensor::zeros(getResultElementType(op), {batch, m, n});
  for (int64_t bi = 0; bi < batch; ++bi)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        int64_t acc = 0;
        for (int64_t l = 0; l < k; ++l)
          acc = macWrap(acc, a.ints[(bi * m + i) * k + l] - zA,
                        b.ints[(bi * k + l) * n + j] - zB);
        out.ints[(bi * m + i) * n + j] = wrapToWidth(acc, width);
      }
  return frame.setResult(op, op.getResult(), std::move(out));
}

void interp::registerHwqContractionEvaluators(OpEvaluatorRegistry &registry) {
  registry.add<Conv2DOp>(evalConv2D);
  registry.add<DepthwiseConv2DOp>(evalDepthwiseConv2D);
  registry.add<FullyConnectedOp>(evalFullyConnected);
  registry.add<MatMulOp>(evalMatMul);
}
