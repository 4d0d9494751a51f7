//===- Contractions.cpp - conv2d, depthwise, fully connected, matmul ------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The contractions produce the exact accumulator
//   acc = wrap(bias[o] + sum (x - z_x) * (w - z_w[o]), W)
// computed in i32 (wrapping arithmetic is exact mod 2^32, and wrapping once
// at the end equals wrapping after every multiply-accumulate), then narrowed
// to i16 for 16-bit accumulators.
//
// Upstream named ops are used where they compute exactly this:
// linalg.conv_2d_nhwc_fhwc_q, linalg.depthwise_conv_2d_nhwc_hwcm_q and
// linalg.quantized_batch_matmul subtract scalar zero points after a signed
// extension to i32. Operands whose storage is unsigned and fills its
// container (u8 in i8) are first zero-extended to i32; weights with
// per-channel zero points that differ are first centered (w - z_w[o], i32)
// and given a zero point of 0. Padding uses tensor.pad with the input zero
// point, so padded positions contribute 0. fully_connected is a
// linalg.generic contraction over [rows, OC, K] on [OC, K] weights.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "../Common/FixedPointArith.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::conversion;

namespace {

/// One contraction operand as the named `_q` ops want it: a tensor whose
/// elements extend correctly with a signed cast, and its scalar zero point.
struct QOperand {
  Value tensor;
  int64_t zeroPoint = 0;
};

/// Prepares `tensor` (stored integers of a type with `params`) for a `_q`
/// named op. `channelAxis` is the dimension of `tensor` that per-channel
/// zero points run along.
QOperand prepareQOperand(OpBuilder &b, Location loc, Value tensor,
                         const QuantParams &params, int64_t channelAxis) {
  IntegerType i32 = b.getI32Type();
  if (!llvm::all_equal(params.zeroPoints))
    return {createCenteredTensor(b, loc, tensor, params, channelAxis, i32), 0};
  Type element = cast<RankedTensorType>(tensor.getType()).getElementType();
  if (!isSignedInContainer(params, element))
    tensor = createExtendedTensor(b, loc, tensor, params, i32);
  return {tensor, params.getZeroPoint()};
}

DenseIntElementsAttr getI64VectorAttr(OpBuilder &b, ArrayRef<int64_t> values) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({static_cast<int64_t>(values.size())},
                            b.getI64Type()),
      values);
}

/// The i32 accumulator type of the same shape as `type`.
RankedTensorType getI32Type(RankedTensorType type) {
  return RankedTensorType::get(type.getShape(),
                               IntegerType::get(type.getContext(), 32));
}

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in =
        getParamsOrFail(op, op.getInput().getType(), rewriter);
    FailureOr<QuantParams> w =
        getParamsOrFail(op, op.getWeight().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    if (failed(in) || failed(w) || !resultType || !resultType.hasStaticShape())
      return failure();
    Location loc = op.getLoc();
    QOperand x = prepareQOperand(rewriter, loc, adaptor.getInput(), *in, 3);
    x.tensor =
        createPaddedNHWC(rewriter, loc, x.tensor, op.getPad(), x.zeroPoint);
    QOperand weight =
        prepareQOperand(rewriter, loc, adaptor.getWeight(), *w, 0);
    RankedTensorType accType = getI32Type(resultType);
    Value init = createBiasInit(rewriter, loc, accType, adaptor.getBias(), 3);
    IntegerType i32 = rewriter.getI32Type();
    Value acc =
        linalg::Conv2DNhwcFhwcQOp::create(
            rewriter, loc, TypeRange{accType},
            ValueRange{x.tensor, weight.tensor,
                       createIntConstant(rewriter, loc, i32, x.zeroPoint),
                       createIntConstant(rewriter, loc, i32, weight.zeroPoint)},
            ValueRange{init}, getI64VectorAttr(rewriter, op.getStride()),
            getI64VectorAttr(rewriter, op.getDilation()))
            .getResult(0);
    rewriter.replaceOp(op, narrowAccumulator(rewriter, loc, acc, resultType));
    return success();
  }
};

struct DepthwiseConv2DLowering : OpConversionPattern<DepthwiseConv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DepthwiseConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in =
        getParamsOrFail(op, op.getInput().getType(), rewriter);
    FailureOr<QuantParams> w =
        getParamsOrFail(op, op.getWeight().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    auto weightType = dyn_cast<RankedTensorType>(adaptor.getWeight().getType());
    if (failed(in) || failed(w) || !resultType || !weightType ||
        !resultType.hasStaticShape() || !weightType.hasStaticShape())
      return failure();
    Location loc = op.getLoc();
    QOperand x = prepareQOperand(rewriter, loc, adaptor.getInput(), *in, 3);
    x.tensor =
        createPaddedNHWC(rewriter, loc, x.tensor, op.getPad(), x.zeroPoint);
    QOperand weight =
        prepareQOperand(rewriter, loc, adaptor.getWeight(), *w, 2);

    // Accumulate in [N, OH, OW, C, M], then collapse (C, M) to C * M.
    int64_t channels = weightType.getDimSize(2);
    int64_t multiplier = weightType.getDimSize(3);
    ArrayRef<int64_t> shape = resultType.getShape();
    IntegerType i32 = rewriter.getI32Type();
    auto accType = RankedTensorType::get(
        {shape[0], shape[1], shape[2], channels, multiplier}, i32);
    Value init;
    if (Value bias = adaptor.getBias()) {
      auto biasType = RankedTensorType::get({channels, multiplier}, i32);
      Value bias2d =
          tensor::ExpandShapeOp::create(rewriter, loc, biasType, bias,
                                        ArrayRef<ReassociationIndices>{{0, 1}});
      ElementwiseBuilder g(rewriter, loc, accType);
      unsigned index =
          g.addInput(bias2d, AffineMap::get(5, 0,
                                            {rewriter.getAffineDimExpr(3),
                                             rewriter.getAffineDimExpr(4)},
                                            rewriter.getContext()));
      init = g.build([&](OpBuilder &, Location, ArrayRef<Value> args) {
        return args[index];
      });
    } else {
      init = createFilledTensor(rewriter, loc, accType, 0);
    }
    Value acc5 =
        linalg::DepthwiseConv2DNhwcHwcmQOp::create(
            rewriter, loc, TypeRange{accType},
            ValueRange{x.tensor, weight.tensor,
                       createIntConstant(rewriter, loc, i32, x.zeroPoint),
                       createIntConstant(rewriter, loc, i32, weight.zeroPoint)},
            ValueRange{init}, getI64VectorAttr(rewriter, op.getStride()),
            getI64VectorAttr(rewriter, op.getDilation()))
            .getResult(0);
    Value acc = tensor::CollapseShapeOp::create(
        rewriter, loc, getI32Type(resultType), acc5,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    rewriter.replaceOp(op, narrowAccumulator(rewriter, loc, acc, resultType));
    return success();
  }
};

struct FullyConnectedLowering : OpConversionPattern<FullyConnectedOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in =
        getParamsOrFail(op, op.getInput().getType(), rewriter);
    FailureOr<QuantParams> w =
        getParamsOrFail(op, op.getWeight().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    auto inputType = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
    if (failed(in) || failed(w) || !resultType || !inputType ||
        !inputType.hasStaticShape() || inputType.getRank() < 2)
      return failure();
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    IntegerType i32 = rewriter.getI32Type();
    int64_t rank = inputType.getRank();

    // [..., K] -> [R, K].
    Value x = adaptor.getInput();
    ReassociationIndices leading;
    for (int64_t d = 0; d < rank - 1; ++d)
      leading.push_back(d);
    SmallVector<ReassociationIndices> reassociation = {
        leading, ReassociationIndices{rank - 1}};
    int64_t rows = 1;
    for (int64_t d = 0; d < rank - 1; ++d)
      rows *= inputType.getDimSize(d);
    int64_t depth = inputType.getDimSize(rank - 1);
    int64_t outChannels = resultType.getDimSize(rank - 1);
    if (rank > 2)
      x = tensor::CollapseShapeOp::create(
          rewriter, loc,
          RankedTensorType::get({rows, depth}, inputType.getElementType()), x,
          reassociation);

    auto accType = RankedTensorType::get({rows, outChannels}, i32);
    Value init = createBiasInit(rewriter, loc, accType, adaptor.getBias(), 1);
    AffineExpr r = rewriter.getAffineDimExpr(0);
    AffineExpr o = rewriter.getAffineDimExpr(1);
    AffineExpr k = rewriter.getAffineDimExpr(2);
    SmallVector<Value> inputs = {x, adaptor.getWeight()};
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {r, k}, context),
                                   AffineMap::get(3, 0, {o, k}, context)};
    bool perChannelZp = !llvm::all_equal(w->zeroPoints);
    if (perChannelZp) {
      SmallVector<int32_t> zps;
      for (int64_t z : w->zeroPoints)
        zps.push_back(static_cast<int32_t>(z));
      inputs.push_back(arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(
              RankedTensorType::get({static_cast<int64_t>(zps.size())}, i32),
              ArrayRef<int32_t>(zps))));
      maps.push_back(AffineMap::get(3, 0, {o}, context));
    }
    maps.push_back(AffineMap::get(3, 0, {r, o}, context));
    int64_t zIn = in->getZeroPoint();
    int64_t zW = w->getZeroPoint();
    QuantParams inParams = *in, wParams = *w;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{accType}, inputs, ValueRange{init}, maps,
        {utils::IteratorType::parallel, utils::IteratorType::parallel,
         utils::IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value xe = extendStored(b, l, args[0], inParams, i32);
          Value zx = createIntConstant(b, l, i32, zIn);
          Value xc = arith::SubIOp::create(b, l, xe, zx);
          Value we = extendStored(b, l, args[1], wParams, i32);
          Value zw = perChannelZp ? args[2] : createIntConstant(b, l, i32, zW);
          Value wc = arith::SubIOp::create(b, l, we, zw);
          Value sum = arith::AddIOp::create(
              b, l, args.back(), arith::MulIOp::create(b, l, xc, wc));
          linalg::YieldOp::create(b, l, sum);
        });
    Value acc = generic.getResult(0);
    if (rank > 2)
      acc = tensor::ExpandShapeOp::create(rewriter, loc, getI32Type(resultType),
                                          acc, reassociation);
    rewriter.replaceOp(op, narrowAccumulator(rewriter, loc, acc, resultType));
    return success();
  }
};

struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> pa =
        getParamsOrFail(op, op.getA().getType(), rewriter);
    FailureOr<QuantParams> pb =
        getParamsOrFail(op, op.getB().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    if (failed(pa) || failed(pb) || !resultType || !resultType.hasStaticShape())
      return failure();
    Location loc = op.getLoc();
    QOperand a = prepareQOperand(rewriter, loc, adaptor.getA(), *pa, 0);
    QOperand b = prepareQOperand(rewriter, loc, adaptor.getB(), *pb, 0);
    RankedTensorType accType = getI32Type(resultType);
    IntegerType i32 = rewriter.getI32Type();
    Value acc =
        linalg::QuantizedBatchMatmulOp::create(
            rewriter, loc, TypeRange{accType},
            ValueRange{a.tensor, b.tensor,
                       createIntConstant(rewriter, loc, i32, a.zeroPoint),
                       createIntConstant(rewriter, loc, i32, b.zeroPoint)},
            ValueRange{createFilledTensor(rewriter, loc, accType, 0)})
            .getResult(0);
    rewriter.replaceOp(op, narrowAccumulator(rewriter, loc, acc, resultType));
    return success();
  }
};

} // namespace

void conversion::populateContractionPatterns(const TypeConverter &converter,
                                             RewritePatternSet &patterns) {
  patterns.add<Conv2DLowering, DepthwiseConv2DLowering, FullyConnectedLowering,
               MatMulLowering>(converter, patterns.getContext());
}
