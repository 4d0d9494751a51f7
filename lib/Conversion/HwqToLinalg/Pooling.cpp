//===- Pooling.cpp - avg_pool2d, max_pool2d, concat to linalg -------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq.avg_pool2d  the centered input (x - z_in, i32 or i64) padded with 0 is
//                 summed by linalg.pooling_nhwc_sum; each sum is requantized
//                 with the multiplier of its window's valid-element count,
//                 computeMultiplierAndShift(s_in / float32(count * s_out)),
//                 from compile-time tables over (oh, ow) (scalars when every
//                 window is full).
// hwq.max_pool2d  linalg.pooling_nhwc_max (or _max_unsigned for unsigned
//                 storage filling its container) on the input padded with
//                 the storage minimum, so padding never wins.
// hwq.concat      tensor.insert_slice of each input into one tensor.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "../Common/FixedPointArith.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::conversion;

namespace {

DenseIntElementsAttr getI64VectorAttr(OpBuilder &b, ArrayRef<int64_t> values) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({static_cast<int64_t>(values.size())},
                            b.getI64Type()),
      values);
}

/// The number of kernel offsets k in [0, kernel) for which
/// out * stride - padBefore + k lands inside [0, size).
int64_t countValid(int64_t out, int64_t stride, int64_t padBefore,
                   int64_t kernel, int64_t size) {
  int64_t count = 0;
  for (int64_t k = 0; k < kernel; ++k) {
    int64_t i = out * stride - padBefore + k;
    count += (i >= 0 && i < size) ? 1 : 0;
  }
  return count;
}

struct AvgPool2DLowering : OpConversionPattern<AvgPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in =
        getParamsOrFail(op, op.getInput().getType(), rewriter);
    FailureOr<QuantParams> out =
        getParamsOrFail(op, op.getOutput().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    auto inputType = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
    ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStride(),
                      pad = op.getPad();
    if (failed(in) || failed(out) || !resultType || !inputType ||
        !inputType.hasStaticShape() || !resultType.hasStaticShape() ||
        kernel.size() != 2 || stride.size() != 2 || pad.size() != 4)
      return failure();
    if (in->isPerAxis() || out->isPerAxis())
      return rewriter.notifyMatchFailure(op, "expects per-tensor types");
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();

    // Window sums of the centered input.
    uint64_t bound = static_cast<uint64_t>(kernel[0] * kernel[1]) *
                     static_cast<uint64_t>(in->getMaxCenteredMagnitude());
    IntegerType sumElement =
        rewriter.getIntegerType(bound < (uint64_t(1) << 31) ? 32 : 64);
    Value centered = createCenteredTensor(rewriter, loc, adaptor.getInput(),
                                          *in, std::nullopt, sumElement);
    Value padded = createPaddedNHWC(rewriter, loc, centered, pad, 0);
    auto sumType = RankedTensorType::get(resultType.getShape(), sumElement);
    Value window = tensor::EmptyOp::create(rewriter, loc, kernel, sumElement);
    Value sums =
        linalg::PoolingNhwcSumOp::create(
            rewriter, loc, TypeRange{sumType}, ValueRange{padded, window},
            ValueRange{createFilledTensor(rewriter, loc, sumType, 0)},
            getI64VectorAttr(rewriter, stride),
            getI64VectorAttr(rewriter, {1, 1}))
            .getResult(0);

    // One (multiplier, shift) per output position, from its count.
    int64_t outH = resultType.getDimSize(1), outW = resultType.getDimSize(2);
    SmallVector<int64_t> multipliers, shifts;
    for (int64_t oh = 0; oh < outH; ++oh) {
      int64_t rows =
          countValid(oh, stride[0], pad[0], kernel[0], inputType.getDimSize(1));
      for (int64_t ow = 0; ow < outW; ++ow) {
        int64_t count = rows * countValid(ow, stride[1], pad[2], kernel[1],
                                          inputType.getDimSize(2));
        std::optional<FixedPointMultiplier> fixed =
            count < 1 ? std::nullopt
                      : computeMultiplierAndShift(
                            in->getScale() /
                            roundScaleToF32(static_cast<double>(count) *
                                            out->getScale()));
        if (!fixed)
          return op.emitOpError()
                 << "window at (" << oh << ", " << ow << ") with " << count
                 << " valid elements has no representable rescale";
        multipliers.push_back(fixed->multiplier);
        shifts.push_back(fixed->shift);
      }
    }

    IntegerType type = getRescaleType(context, bound);
    ElementwiseBuilder g(rewriter, loc, resultType);
    unsigned sum = g.addInput(sums, rewriter.getMultiDimIdentityMap(4));
    unsigned m, n;
    if (llvm::all_equal(multipliers) && llvm::all_equal(shifts)) {
      m = g.addChannelInts(multipliers.front(), type, std::nullopt);
      n = g.addChannelInts(shifts.front(), type, std::nullopt);
    } else {
      auto tableType = RankedTensorType::get({outH, outW}, type);
      AffineMap map = AffineMap::get(
          4, 0, {rewriter.getAffineDimExpr(1), rewriter.getAffineDimExpr(2)},
          context);
      auto table = [&](ArrayRef<int64_t> values) {
        SmallVector<APInt> bits;
        for (int64_t v : values)
          bits.push_back(APInt(type.getWidth(), static_cast<uint64_t>(v),
                               /*isSigned=*/true));
        return arith::ConstantOp::create(
            rewriter, loc, DenseElementsAttr::get(tableType, bits));
      };
      m = g.addInput(table(multipliers), map);
      n = g.addInput(table(shifts), map);
    }
    int64_t zOut = out->getZeroPoint();
    int64_t lo = out->storageMin, hi = out->storageMax;
    Value result = g.build([&](OpBuilder &b, Location l, ArrayRef<Value> a) {
      Value wide = castInteger(b, l, a[sum], type, /*isSigned=*/true);
      Value scaled = emitRoundingMultiplyByQ31(b, l, wide, a[m], a[n]);
      Value shifted = arith::AddIOp::create(
          b, l, scaled, createIntConstant(b, l, type, zOut));
      return castInteger(b, l, emitClamp(b, l, shifted, lo, hi),
                         resultType.getElementType(), /*isSigned=*/true);
    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MaxPool2DLowering : OpConversionPattern<MaxPool2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in =
        getParamsOrFail(op, op.getInput().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStride(),
                      pad = op.getPad();
    if (failed(in) || !resultType || !resultType.hasStaticShape() ||
        kernel.size() != 2 || stride.size() != 2 || pad.size() != 4)
      return failure();
    Location loc = op.getLoc();
    Type element = resultType.getElementType();
    int64_t lowest = in->storageMin;
    Value padded =
        createPaddedNHWC(rewriter, loc, adaptor.getInput(), pad, lowest);
    Value window = tensor::EmptyOp::create(rewriter, loc, kernel, element);
    Value init = createFilledTensor(rewriter, loc, resultType, lowest);
    Value result;
    if (isSignedInContainer(*in, element))
      result =
          linalg::PoolingNhwcMaxOp::create(
              rewriter, loc, TypeRange{resultType}, ValueRange{padded, window},
              ValueRange{init}, getI64VectorAttr(rewriter, stride),
              getI64VectorAttr(rewriter, {1, 1}))
              .getResult(0);
    else
      result =
          linalg::PoolingNhwcMaxUnsignedOp::create(
              rewriter, loc, TypeRange{resultType}, ValueRange{padded, window},
              ValueRange{init}, getI64VectorAttr(rewriter, stride),
              getI64VectorAttr(rewriter, {1, 1}))
              .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    int64_t axis = op.getAxis();
    if (!resultType || !resultType.hasStaticShape() || axis < 0 ||
        axis >= resultType.getRank())
      return failure();
    Location loc = op.getLoc();
    Value result = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                           resultType.getElementType());
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      auto type = dyn_cast<RankedTensorType>(input.getType());
      if (!type || !type.hasStaticShape())
        return failure();
      SmallVector<OpFoldResult> offsets(type.getRank(),
                                        rewriter.getIndexAttr(0));
      offsets[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes;
      for (int64_t size : type.getShape())
        sizes.push_back(rewriter.getIndexAttr(size));
      SmallVector<OpFoldResult> strides(type.getRank(),
                                        rewriter.getIndexAttr(1));
      result = tensor::InsertSliceOp::create(rewriter, loc, input, result,
                                             offsets, sizes, strides);
      offset += type.getDimSize(axis);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void conversion::populatePoolingPatterns(const TypeConverter &converter,
                                         RewritePatternSet &patterns) {
  patterns.add<AvgPool2DLowering, MaxPool2DLowering, ConcatLowering>(
      converter, patterns.getContext());
}
