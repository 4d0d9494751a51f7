//===- RealizeContractions.cpp - conv, depthwise, matmul --------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// A quantized tosa.conv2d / tosa.depthwise_conv2d / tosa.matmul and its output
// sim_quantize become the hwq contraction (exact integer accumulator on the
// grid productScale(s_in, s_w[o]), i32 bias) followed by hwq.requantize onto
// the output edge. The simulated graph must be exact (hwq-exact-sim): the
// output sim_quantize's acc_scale equals the accumulator scales and the float
// bias lies on the accumulator grid; anything else is a located error.
//
//===----------------------------------------------------------------------===//

#include "Realize.h"

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include <cmath>

using namespace mlir;
using namespace hwq;

/// The accumulator width of a quantized op's chosen alternative.
static FailureOr<unsigned> getAccumulatorWidth(Operation *op) {
  auto config = op->getAttrOfType<DTypeConfigAttr>(kConfigAttrName);
  auto type = config ? dyn_cast<IntegerType>(config.getAccumulator()) : nullptr;
  if (!type)
    return 32u;
  if (type.getWidth() != 16 && type.getWidth() != 32)
    return op->emitOpError("accumulator type ")
           << config.getAccumulator()
           << " has no realized form (i16 or i32 accumulators)";
  return type.getWidth();
}

/// True when every element of the constant `value` is zero.
static bool isZeroConstant(Value value) {
  std::optional<SmallVector<double>> values = getConstantFloats(value);
  return values && llvm::all_of(*values, [](double x) { return x == 0.0; });
}

/// The i32 bias of a realized contraction: each float bias value must lie on
/// its channel's accumulator grid (hwq-exact-sim writes round(b / acc) * acc
/// as f32). Null when the bias is all zeros.
static FailureOr<Value> getIntegerBias(Realizer &realizer, Operation *op,
                                       Value bias, const QuantParams &acc,
                                       int64_t channels) {
  std::optional<SmallVector<double>> values = getConstantFloats(bias);
  if (!values ||
      (values->size() != 1 && static_cast<int64_t>(values->size()) != channels))
    return op->emitOpError("bias must be a float constant with 1 or ")
           << channels << " elements";
  SmallVector<int32_t> ints;
  for (int64_t o = 0; o < channels; ++o) {
    double b = (*values)[values->size() == 1 ? 0 : o];
    double steps = b / acc.getScale(o);
    double rounded = std::nearbyint(steps);
    // The f32 bias holds the grid point up to its own rounding.
    if (!(std::fabs(steps - rounded) <= std::fabs(rounded) * 0x1p-23 + 0x1p-30))
      return op->emitOpError("bias ")
             << formatReal(b) << " of channel " << o
             << " is not on the accumulator grid (bias / acc_scale = " << steps
             << "); run hwq-exact-sim";
    if (!(std::fabs(rounded) < 0x1p31))
      return op->emitOpError("bias of channel ")
             << o << " does not fit the i32 bias";
    ints.push_back(static_cast<int32_t>(rounded));
  }
  if (llvm::all_of(ints, [](int32_t b) { return b == 0; }))
    return Value();
  OpBuilder &builder = realizer.getBuilder();
  auto type = RankedTensorType::get({channels}, builder.getI32Type());
  return arith::ConstantOp::create(
             builder, bias.getLoc(), type,
             DenseElementsAttr::get(type, ArrayRef<int32_t>(ints)))
      .getResult();
}

/// Checks that the output edge's acc_scale is the accumulator's scale per
/// channel.
static LogicalResult checkAccScale(SimQuantizeOp output, const QuantParams &acc,
                                   int64_t channels) {
  std::optional<SmallVector<double>> accScales = getAccScales(output);
  if (!accScales)
    return output.emitOpError("has no acc_scale: the float rounding of the "
                              "accumulator differs from the realized "
                              "requantize (run hwq-exact-sim)");
  for (int64_t o = 0; o < channels; ++o) {
    double expected = acc.getScale(o);
    double actual = (*accScales)[accScales->size() == 1 ? 0 : o];
    if (actual != expected)
      return output.emitOpError("acc_scale ")
             << formatReal(actual) << " of channel " << o
             << " is not the accumulator scale productScale(s_in, s_w) = "
             << formatReal(expected) << " (run hwq-exact-sim)";
  }
  if (accScales->size() != 1 &&
      static_cast<int64_t>(accScales->size()) != channels)
    return output.emitOpError("acc_scale has ")
           << accScales->size() << " elements; expected 1 or " << channels;
  return success();
}

/// B of a tosa.matmul as the [N, K] weight of hwq.fully_connected: the
/// realized constant [1, K, N] transposed at compile time (per-axis on
/// dimension 2 becomes per-axis on dimension 0). Null when B is not a
/// realized constant of batch 1.
static Value getFullyConnectedWeight(Realizer &realizer, Value b) {
  auto constant = b.getDefiningOp<tosa::ConstOp>();
  auto type = cast<RankedTensorType>(b.getType());
  if (!constant || type.getRank() != 3 || type.getDimSize(0) != 1)
    return {};
  auto values = dyn_cast<DenseElementsAttr>(constant.getValues());
  FailureOr<QuantParams> params = getQuantParams(type);
  if (!values || failed(params))
    return {};
  int64_t k = type.getDimSize(1), n = type.getDimSize(2);
  SmallVector<APInt> source(values.getValues<APInt>());
  SmallVector<APInt> transposed;
  for (int64_t col = 0; col < n; ++col)
    for (int64_t row = 0; row < k; ++row)
      transposed.push_back(source[row * n + col]);
  QuantParams weight = *params;
  if (weight.axis)
    weight.axis = 0;
  quant::QuantizedType element = getQuantizedType(weight, b.getLoc());
  if (!element)
    return {};
  OpBuilder &builder = realizer.getBuilder();
  auto storageType =
      RankedTensorType::get({n, k}, values.getType().getElementType());
  return tosa::ConstOp::create(builder, b.getLoc(),
                               RankedTensorType::get({n, k}, element),
                               DenseElementsAttr::get(storageType, transposed));
}

LogicalResult hwq::realizeContraction(Realizer &realizer, Operation *op) {
  bool isMatMul = isa<tosa::MatMulOp>(op);
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  int64_t rank = resultType.getRank();
  int64_t channels = resultType.getDimSize(rank - 1);
  OpBuilder &builder = realizer.getBuilder();
  Location loc = op->getLoc();

  unsigned zpBegin = isMatMul ? 2 : 3;
  for (unsigned i = zpBegin; i < zpBegin + 2; ++i)
    if (!isZeroConstant(op->getOperand(i)))
      return op->emitOpError("zero-point operand #")
             << i << " must be the constant 0.0";
  FailureOr<unsigned> width = getAccumulatorWidth(op);
  FailureOr<Value> input = realizer.getQuantizedOperand(op, 0);
  FailureOr<Value> weight = realizer.getQuantizedOperand(op, 1);
  if (failed(width) || failed(input) || failed(weight))
    return failure();
  FailureOr<QuantParams> in = realizer.getParams(op, *input, true);
  FailureOr<QuantParams> w = realizer.getParams(op, *weight, false);
  if (failed(in) || failed(w))
    return failure();
  FailureOr<SimQuantizeOp> output = realizer.getOutputSim(op);
  if (failed(output))
    return failure();

  // The contraction, on the accumulator grid.
  Value acc;
  if (auto conv = dyn_cast<tosa::Conv2DOp>(op)) {
    if (w.value().isPerAxis() && *w->axis != 0)
      return op->emitOpError("conv2d weights must be per-axis on dimension 0");
    RankedTensorType accType = Conv2DOp::inferResultType(
        input->getType(), weight->getType(), conv.getPad(), conv.getStride(),
        conv.getDilation(), *width);
    if (!accType)
      return op->emitOpError("has no realized accumulator type");
    FailureOr<QuantParams> accParams = getQuantParams(accType);
    if (failed(accParams) ||
        failed(checkAccScale(*output, *accParams, channels)))
      return failure();
    FailureOr<Value> bias =
        getIntegerBias(realizer, op, conv.getBias(), *accParams, channels);
    if (failed(bias))
      return failure();
    acc = Conv2DOp::create(builder, loc, accType, *input, *weight, *bias,
                           conv.getPadAttr(), conv.getStrideAttr(),
                           conv.getDilationAttr());
  } else if (auto dw = dyn_cast<tosa::DepthwiseConv2DOp>(op)) {
    auto weightType = cast<RankedTensorType>(weight->getType());
    if (w->isPerAxis() && (*w->axis != 2 || weightType.getDimSize(3) != 1))
      return op->emitOpError("depthwise weights may be per-axis only on "
                             "dimension 2 with a channel multiplier of 1");
    FailureOr<quant::QuantizedType> element =
        inferAccumulatorElementType(*in, *w, *width, 3);
    if (failed(element))
      return op->emitOpError("has no realized accumulator type");
    auto accType = RankedTensorType::get(resultType.getShape(), *element);
    QuantParams accParams = *getQuantParams(accType);
    if (failed(checkAccScale(*output, accParams, channels)))
      return failure();
    FailureOr<Value> bias =
        getIntegerBias(realizer, op, dw.getBias(), accParams, channels);
    if (failed(bias))
      return failure();
    acc = DepthwiseConv2DOp::create(builder, loc, accType, *input, *weight,
                                    *bias, dw.getPadAttr(), dw.getStrideAttr(),
                                    dw.getDilationAttr());
  } else {
    // matmul: fully connected when B is a constant of batch 1, else an
    // activation x activation hwq.matmul (both per-tensor).
    if (Value fcWeight = getFullyConnectedWeight(realizer, *weight)) {
      auto fc = FullyConnectedOp::create(builder, loc, *input, fcWeight,
                                         Value(), *width);
      acc = fc.getResult();
    } else {
      if (w->isPerAxis())
        return op->emitOpError("per-channel B needs a constant B of batch 1 "
                               "(hwq.fully_connected)");
      acc = MatMulOp::create(builder, loc, *input, *weight, *width).getResult();
    }
    FailureOr<QuantParams> accParams = getQuantParams(acc.getType());
    if (failed(accParams) ||
        failed(checkAccScale(*output, *accParams, channels)))
      return failure();
  }

  // The requantize onto the output edge.
  FailureOr<RankedTensorType> outType =
      realizer.getEdgeType(*output, resultType.getShape());
  if (failed(outType))
    return failure();
  FailureOr<QuantParams> accParams = getQuantParams(acc.getType());
  FailureOr<QuantParams> outParams = getQuantParams(*outType);
  if (outParams->isPerAxis() && *outParams->axis != rank - 1)
    return output->emitOpError("per-axis output scales must be on the "
                               "channel (last) dimension");
  if (failed(computeRequantizeMultipliers(*accParams, *outParams, channels)))
    return output->emitOpError("the rescale acc_scale / scale has no Q31 "
                               "multiplier with a shift in [0, 62]");
  Value result = RequantizeOp::create(builder, loc, *outType, acc);
  realizer.map(output->getOutput(), result);
  realizer.markReplaced(op);
  realizer.markReplaced(*output);
  return success();
}
