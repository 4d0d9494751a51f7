//===- Quantize.cpp - quantize, dequantize, requantize to linalg ----------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq.quantize     q = clamp(round(x / s) + z, storage range)   (f64 math)
// hwq.dequantize   x = float((q - z) * s)                        (f64 math)
// hwq.requantize   clamp(roundingMultiplyByQ31(q - z_in, m, n) + z_out, lo, hi)
// quant.scast      the identity on storage integers
//
// Each is one elementwise linalg.generic; per-channel parameters are
// constant tensors indexed by the channel dimension.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "../Common/FixedPointArith.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::conversion;

namespace {

/// The zero points of `params` as doubles.
SmallVector<double> getZeroPointsF64(const QuantParams &params) {
  SmallVector<double> values;
  for (int64_t z : params.zeroPoints)
    values.push_back(static_cast<double>(z));
  return values;
}

/// The quantized dimension of a per-axis type, as an optional int64_t.
std::optional<int64_t> getAxis(const QuantParams &params) {
  if (!params.axis)
    return std::nullopt;
  return static_cast<int64_t>(*params.axis);
}

struct QuantizeLowering : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> out =
        getParamsOrFail(op, op.getOutput().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    if (failed(out) || !resultType)
      return failure();
    Location loc = op.getLoc();
    ElementwiseBuilder g(rewriter, loc, resultType);
    unsigned x =
        g.addInput(adaptor.getInput(),
                   rewriter.getMultiDimIdentityMap(resultType.getRank()));
    unsigned s = g.addChannelF64(out->scales, getAxis(*out));
    unsigned z = g.addChannelF64(getZeroPointsF64(*out), getAxis(*out));
    RoundingMode mode = op.getRounding();
    Value result = g.build([&](OpBuilder &b, Location l, ArrayRef<Value> a) {
      Value q = emitQuantizeReal(b, l, extendToF64(b, l, a[x]), a[s], a[z],
                                 out->storageMin, out->storageMax, mode);
      Value wide = arith::FPToSIOp::create(b, l, b.getI64Type(), q);
      return castInteger(b, l, wide, resultType.getElementType(),
                         /*isSigned=*/true);
    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct DequantizeLowering : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in =
        getParamsOrFail(op, op.getInput().getType(), rewriter);
    auto resultType = dyn_cast<RankedTensorType>(op.getOutput().getType());
    if (failed(in) || !resultType)
      return failure();
    Location loc = op.getLoc();
    ElementwiseBuilder g(rewriter, loc, resultType);
    unsigned q =
        g.addInput(adaptor.getInput(),
                   rewriter.getMultiDimIdentityMap(resultType.getRank()));
    unsigned s = g.addChannelF64(in->scales, getAxis(*in));
    unsigned z =
        g.addChannelInts(in->zeroPoints, rewriter.getI64Type(), getAxis(*in));
    Value result = g.build([&](OpBuilder &b, Location l, ArrayRef<Value> a) {
      Value wide = extendStored(b, l, a[q], *in, b.getI64Type());
      Value centered = arith::SubIOp::create(b, l, wide, a[z]);
      Value real = arith::MulFOp::create(
          b, l, arith::SIToFPOp::create(b, l, b.getF64Type(), centered), a[s]);
      return roundFromF64(b, l, real, resultType.getElementType());
    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct RequantizeLowering : OpConversionPattern<RequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<QuantParams> in =
        getParamsOrFail(op, op.getInput().getType(), rewriter);
    FailureOr<QuantParams> out =
        getParamsOrFail(op, op.getOutput().getType(), rewriter);
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    if (failed(in) || failed(out) || !resultType)
      return failure();
    ArrayRef<int32_t> multipliers = op.getMultiplier();
    ArrayRef<int32_t> shifts = op.getShift();
    if (multipliers.empty() || multipliers.size() != shifts.size())
      return rewriter.notifyMatchFailure(op, "malformed multiplier/shift");
    std::optional<int64_t> axis = op.getAxis();

    Location loc = op.getLoc();
    IntegerType type =
        getRescaleType(rewriter.getContext(), in->getMaxCenteredMagnitude());
    ElementwiseBuilder g(rewriter, loc, resultType);
    unsigned x =
        g.addInput(adaptor.getInput(),
                   rewriter.getMultiDimIdentityMap(resultType.getRank()));
    unsigned zIn = g.addChannelInts(in->zeroPoints, type, axis);
    unsigned zOut = g.addChannelInts(out->zeroPoints, type, axis);
    SmallVector<int64_t> m(multipliers.begin(), multipliers.end());
    SmallVector<int64_t> n(shifts.begin(), shifts.end());
    unsigned mIndex = g.addChannelInts(m, type, axis);
    unsigned nIndex = g.addChannelInts(n, type, axis);
    int64_t lo = op.getClipMin(), hi = op.getClipMax();
    Value result = g.build([&](OpBuilder &b, Location l, ArrayRef<Value> a) {
      Value centered = arith::SubIOp::create(
          b, l, extendStored(b, l, a[x], *in, type), a[zIn]);
      Value scaled =
          emitRoundingMultiplyByQ31(b, l, centered, a[mIndex], a[nIndex]);
      Value shifted = arith::AddIOp::create(b, l, scaled, a[zOut]);
      return castInteger(b, l, emitClamp(b, l, shifted, lo, hi),
                         resultType.getElementType(), /*isSigned=*/true);
    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// quant.scast between a quantized tensor and its storage integers: after
/// type conversion both sides are the same integers.
struct StorageCastLowering : OpConversionPattern<quant::StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(quant::StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type resultType = getTypeConverter()->convertType(op.getType());
    if (!resultType || resultType != adaptor.getInput().getType())
      return rewriter.notifyMatchFailure(
          op, "storage type differs from the container type");
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

} // namespace

void conversion::populateQuantizePatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<QuantizeLowering, DequantizeLowering, RequantizeLowering,
               StorageCastLowering>(converter, patterns.getContext());
}
