//===- HwqContractionOps.cpp - conv, fully connected, matmul ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Verifiers and builders of the realized contractions, whose results are
// integer accumulators (docs/Numerics.md).
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "OpVerification.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::opverify;

/// Checks pad (4 values >= 0), stride and dilation (2 values > 0).
static LogicalResult verifyConvAttrs(Operation *op, ArrayRef<int64_t> pad,
                                     ArrayRef<int64_t> stride,
                                     ArrayRef<int64_t> dilation) {
  if (failed(verifyArrayAttr(op, "pad", pad, 4, 0)) ||
      failed(verifyArrayAttr(op, "stride", stride, 2, 1)) ||
      failed(verifyArrayAttr(op, "dilation", dilation, 2, 1)))
    return failure();
  return success();
}

/// Checks the output height and width of a convolution with kernel
/// [kh, kw] (dynamic kernel sizes skip the check).
static LogicalResult verifyConvSpatial(Operation *op, RankedTensorType in,
                                       RankedTensorType out, int64_t kh,
                                       int64_t kw, ArrayRef<int64_t> pad,
                                       ArrayRef<int64_t> stride,
                                       ArrayRef<int64_t> dilation) {
  if (!ShapedType::isDynamic(kh) &&
      failed(verifyWindowOutputSize(op, "height", in.getDimSize(1), pad[0],
                                    pad[1], (kh - 1) * dilation[0] + 1,
                                    stride[0], out.getDimSize(1))))
    return failure();
  if (!ShapedType::isDynamic(kw) &&
      failed(verifyWindowOutputSize(op, "width", in.getDimSize(2), pad[2],
                                    pad[3], (kw - 1) * dilation[1] + 1,
                                    stride[1], out.getDimSize(2))))
    return failure();
  return success();
}

/// Checks an optional bias: rank 1 with `channels` elements.
static LogicalResult verifyBias(Operation *op, Value bias, int64_t channels) {
  if (!bias)
    return success();
  auto type = cast<RankedTensorType>(bias.getType());
  if (type.getRank() != 1)
    return op->emitOpError() << "bias must be rank 1, got " << type;
  return verifyDimsAgree(op, "bias size and output channels",
                         type.getDimSize(0), channels);
}

/// Output size of one spatial axis, dynamic when unknown or invalid.
static int64_t inferWindowSize(int64_t in, int64_t padLo, int64_t padHi,
                               int64_t kernel, int64_t dilation,
                               int64_t stride) {
  if (ShapedType::isDynamic(kernel) || stride <= 0 || dilation <= 0)
    return ShapedType::kDynamic;
  std::optional<int64_t> size = getWindowOutputSize(
      in, padLo, padHi, (kernel - 1) * dilation + 1, stride);
  if (!size || *size < 0)
    return ShapedType::kDynamic;
  return *size;
}

//===----------------------------------------------------------------------===//
// Conv2DOp
//===----------------------------------------------------------------------===//

RankedTensorType Conv2DOp::inferResultType(Type inputType, Type weightType,
                                           ArrayRef<int64_t> pad,
                                           ArrayRef<int64_t> stride,
                                           ArrayRef<int64_t> dilation,
                                           unsigned accumulatorWidth) {
  auto in = dyn_cast<RankedTensorType>(inputType);
  auto w = dyn_cast<RankedTensorType>(weightType);
  if (!in || !w || in.getRank() != 4 || w.getRank() != 4 || pad.size() != 4 ||
      stride.size() != 2 || dilation.size() != 2)
    return {};
  FailureOr<QuantParams> pin = getQuantParams(in);
  FailureOr<QuantParams> pw = getQuantParams(w);
  if (failed(pin) || failed(pw))
    return {};
  FailureOr<quant::QuantizedType> element =
      inferAccumulatorElementType(*pin, *pw, accumulatorWidth, /*axis=*/3);
  if (failed(element))
    return {};
  SmallVector<int64_t> shape{
      in.getDimSize(0),
      inferWindowSize(in.getDimSize(1), pad[0], pad[1], w.getDimSize(1),
                      dilation[0], stride[0]),
      inferWindowSize(in.getDimSize(2), pad[2], pad[3], w.getDimSize(2),
                      dilation[1], stride[1]),
      w.getDimSize(0)};
  return RankedTensorType::get(shape, *element);
}

void Conv2DOp::build(OpBuilder &builder, OperationState &state, Value input,
                     Value weight, Value bias, ArrayRef<int64_t> pad,
                     ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation,
                     unsigned accumulatorWidth) {
  Type resultType = inferResultType(input.getType(), weight.getType(), pad,
                                    stride, dilation, accumulatorWidth);
  // An invalid combination keeps the input type; the verifier reports it.
  if (!resultType)
    resultType = input.getType();
  build(builder, state, resultType, input, weight, bias,
        builder.getDenseI64ArrayAttr(pad), builder.getDenseI64ArrayAttr(stride),
        builder.getDenseI64ArrayAttr(dilation));
}

LogicalResult Conv2DOp::verify() {
  auto inType = cast<RankedTensorType>(getInput().getType());
  auto wType = cast<RankedTensorType>(getWeight().getType());
  auto outType = cast<RankedTensorType>(getOutput().getType());
  FailureOr<QuantParams> in = getParams(*this, getInput(), "input");
  FailureOr<QuantParams> w = getParams(*this, getWeight(), "weight");
  FailureOr<QuantParams> out = getParams(*this, getOutput(), "result");
  if (failed(in) || failed(w) || failed(out))
    return failure();
  // 1. Ranks and granularity.
  if (failed(verifyRank(*this, "input", inType, 4)) ||
      failed(verifyRank(*this, "weight", wType, 4)) ||
      failed(verifyRank(*this, "result", outType, 4)) ||
      failed(verifyPerTensor(*this, "input", *in)))
    return failure();
  if (w->isPerAxis() && *w->axis != 0)
    return emitOpError() << "per-axis weights must be quantized on dimension "
                         << "0 (O), got " << *w->axis;
  if (failed(verifyPerAxisFits(*this, "weight", wType, *w)))
    return failure();
  // 2. Attributes.
  if (failed(verifyConvAttrs(*this, getPad(), getStride(), getDilation())))
    return failure();
  // 3-4. Channel and batch agreement, bias.
  if (failed(verifyDimsAgree(*this, "input channels and weight dimension 3",
                             inType.getDimSize(3), wType.getDimSize(3))) ||
      failed(verifyDimsAgree(*this, "input and result batch",
                             inType.getDimSize(0), outType.getDimSize(0))) ||
      failed(verifyDimsAgree(*this, "weight dimension 0 and result channels",
                             wType.getDimSize(0), outType.getDimSize(3))) ||
      failed(verifyBias(*this, getBias(), outType.getDimSize(3))))
    return failure();
  // 5. Spatial sizes.
  if (failed(verifyConvSpatial(*this, inType, outType, wType.getDimSize(1),
                               wType.getDimSize(2), getPad(), getStride(),
                               getDilation())))
    return failure();
  // 6-7. Accumulator type.
  return verifyAccumulator(*this, outType, *in, *w, /*channelDim=*/3, "weight");
}

//===----------------------------------------------------------------------===//
// DepthwiseConv2DOp
//===----------------------------------------------------------------------===//

LogicalResult DepthwiseConv2DOp::verify() {
  auto inType = cast<RankedTensorType>(getInput().getType());
  auto wType = cast<RankedTensorType>(getWeight().getType());
  auto outType = cast<RankedTensorType>(getOutput().getType());
  FailureOr<QuantParams> in = getParams(*this, getInput(), "input");
  FailureOr<QuantParams> w = getParams(*this, getWeight(), "weight");
  FailureOr<QuantParams> out = getParams(*this, getOutput(), "result");
  if (failed(in) || failed(w) || failed(out))
    return failure();
  // 1. Ranks and granularity.
  if (failed(verifyRank(*this, "input", inType, 4)) ||
      failed(verifyRank(*this, "weight", wType, 4)) ||
      failed(verifyRank(*this, "result", outType, 4)) ||
      failed(verifyPerTensor(*this, "input", *in)))
    return failure();
  if (w->isPerAxis()) {
    if (*w->axis != 2)
      return emitOpError() << "per-axis depthwise weights must be quantized "
                           << "on dimension 2 (C), got " << *w->axis;
    if (wType.getDimSize(3) != 1)
      return emitOpError() << "per-axis depthwise weights require a channel "
                           << "multiplier (dimension 3) of 1, got "
                           << wType.getDimSize(3);
  }
  if (failed(verifyPerAxisFits(*this, "weight", wType, *w)))
    return failure();
  // 2. Attributes.
  if (failed(verifyConvAttrs(*this, getPad(), getStride(), getDilation())))
    return failure();
  // 3. Channels, batch, bias.
  int64_t c = inType.getDimSize(3), m = wType.getDimSize(3);
  int64_t outChannels = (ShapedType::isDynamic(c) || ShapedType::isDynamic(m))
                            ? ShapedType::kDynamic
                            : c * m;
  if (failed(verifyDimsAgree(*this, "input channels and weight dimension 2", c,
                             wType.getDimSize(2))) ||
      failed(verifyDimsAgree(*this, "input and result batch",
                             inType.getDimSize(0), outType.getDimSize(0))) ||
      failed(verifyDimsAgree(*this,
                             "input channels times multiplier and result "
                             "channels",
                             outChannels, outType.getDimSize(3))) ||
      failed(verifyBias(*this, getBias(), outType.getDimSize(3))))
    return failure();
  // 4. Spatial sizes.
  if (failed(verifyConvSpatial(*this, inType, outType, wType.getDimSize(0),
                               wType.getDimSize(1), getPad(), getStride(),
                               getDilation())))
    return failure();
  // 5. Accumulator type.
  return verifyAccumulator(*this, outType, *in, *w, /*channelDim=*/3, "weight");
}

//===----------------------------------------------------------------------===//
// FullyConnectedOp
//===----------------------------------------------------------------------===//

void FullyConnectedOp::build(OpBuilder &builder, OperationState &state,
                             Value input, Value weight, Value bias,
                             unsigned accumulatorWidth) {
  Type resultType = input.getType();
  auto in = dyn_cast<RankedTensorType>(input.getType());
  auto w = dyn_cast<RankedTensorType>(weight.getType());
  FailureOr<QuantParams> pin = getQuantParams(input.getType());
  FailureOr<QuantParams> pw = getQuantParams(weight.getType());
  if (in && w && in.getRank() >= 2 && w.getRank() == 2 && succeeded(pin) &&
      succeeded(pw)) {
    FailureOr<quant::QuantizedType> element = inferAccumulatorElementType(
        *pin, *pw, accumulatorWidth, in.getRank() - 1);
    if (succeeded(element)) {
      SmallVector<int64_t> shape(in.getShape());
      shape.back() = w.getDimSize(0);
      resultType = RankedTensorType::get(shape, *element);
    }
  }
  build(builder, state, resultType, input, weight, bias);
}

LogicalResult FullyConnectedOp::verify() {
  auto inType = cast<RankedTensorType>(getInput().getType());
  auto wType = cast<RankedTensorType>(getWeight().getType());
  auto outType = cast<RankedTensorType>(getOutput().getType());
  FailureOr<QuantParams> in = getParams(*this, getInput(), "input");
  FailureOr<QuantParams> w = getParams(*this, getWeight(), "weight");
  FailureOr<QuantParams> out = getParams(*this, getOutput(), "result");
  if (failed(in) || failed(w) || failed(out))
    return failure();
  // 1. Ranks and granularity.
  int64_t rank = inType.getRank();
  if (rank < 2)
    return emitOpError() << "input must have rank >= 2, got " << inType;
  if (failed(verifyRank(*this, "weight", wType, 2)) ||
      failed(verifyRank(*this, "result", outType, rank)) ||
      failed(verifyPerTensor(*this, "input", *in)))
    return failure();
  if (w->isPerAxis() && *w->axis != 0)
    return emitOpError() << "per-axis weights must be quantized on dimension "
                         << "0 (OC), got " << *w->axis;
  if (failed(verifyPerAxisFits(*this, "weight", wType, *w)))
    return failure();
  // 2. Shapes.
  if (failed(verifyDimsAgree(*this, "input dimension K and weight dimension 1",
                             inType.getDimSize(rank - 1), wType.getDimSize(1))))
    return failure();
  for (int64_t d = 0; d + 1 < rank; ++d)
    if (failed(verifyDimsAgree(
            *this, "input and result dimension " + std::to_string(d),
            inType.getDimSize(d), outType.getDimSize(d))))
      return failure();
  if (failed(verifyDimsAgree(*this, "weight dimension 0 and result channels",
                             wType.getDimSize(0),
                             outType.getDimSize(rank - 1))))
    return failure();
  // 3. Bias.
  if (failed(verifyBias(*this, getBias(), outType.getDimSize(rank - 1))))
    return failure();
  // 4. Accumulator type.
  return verifyAccumulator(*this, outType, *in, *w, rank - 1, "weight");
}

//===----------------------------------------------------------------------===//
// MatMulOp
//===----------------------------------------------------------------------===//

void MatMulOp::build(OpBuilder &builder, OperationState &state, Value a,
                     Value b, unsigned accumulatorWidth) {
  Type resultType = a.getType();
  auto ta = dyn_cast<RankedTensorType>(a.getType());
  auto tb = dyn_cast<RankedTensorType>(b.getType());
  FailureOr<QuantParams> pa = getQuantParams(a.getType());
  FailureOr<QuantParams> pb = getQuantParams(b.getType());
  if (ta && tb && ta.getRank() == 3 && tb.getRank() == 3 && succeeded(pa) &&
      succeeded(pb) && !pb->isPerAxis()) {
    FailureOr<quant::QuantizedType> element =
        inferAccumulatorElementType(*pa, *pb, accumulatorWidth, 2);
    if (succeeded(element))
      resultType = RankedTensorType::get(
          {ta.getDimSize(0), ta.getDimSize(1), tb.getDimSize(2)}, *element);
  }
  build(builder, state, resultType, a, b);
}

LogicalResult MatMulOp::verify() {
  auto aType = cast<RankedTensorType>(getA().getType());
  auto bType = cast<RankedTensorType>(getB().getType());
  auto outType = cast<RankedTensorType>(getOutput().getType());
  FailureOr<QuantParams> pa = getParams(*this, getA(), "operand 'a'");
  FailureOr<QuantParams> pb = getParams(*this, getB(), "operand 'b'");
  FailureOr<QuantParams> out = getParams(*this, getOutput(), "result");
  if (failed(pa) || failed(pb) || failed(out))
    return failure();
  // 1. Ranks and granularity.
  if (failed(verifyRank(*this, "operand 'a'", aType, 3)) ||
      failed(verifyRank(*this, "operand 'b'", bType, 3)) ||
      failed(verifyRank(*this, "result", outType, 3)) ||
      failed(verifyPerTensor(*this, "operand 'a'", *pa)) ||
      failed(verifyPerTensor(*this, "operand 'b'", *pb)))
    return failure();
  // 2. Shapes.
  if (failed(verifyDimsAgree(*this, "batch of 'a' and 'b'", aType.getDimSize(0),
                             bType.getDimSize(0))) ||
      failed(verifyDimsAgree(*this, "batch of 'a' and the result",
                             aType.getDimSize(0), outType.getDimSize(0))) ||
      failed(verifyDimsAgree(*this, "K of 'a' and 'b'", aType.getDimSize(2),
                             bType.getDimSize(1))) ||
      failed(verifyDimsAgree(*this, "M of 'a' and the result",
                             aType.getDimSize(1), outType.getDimSize(1))) ||
      failed(verifyDimsAgree(*this, "N of 'b' and the result",
                             bType.getDimSize(2), outType.getDimSize(2))))
    return failure();
  // 3. Accumulator type.
  return verifyAccumulator(*this, outType, *pa, *pb, 2, "operand 'b'");
}
