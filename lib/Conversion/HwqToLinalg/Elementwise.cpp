//===- Elementwise.cpp - hwq.add and hwq.mul to linalg --------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq.add  a' = rmq(a - z_a, m_a, n_a); b' = rmq(b - z_b, m_b, n_b);
//          out = clamp(rmq(a' + b', m_out, n_out) + z_out, lo, hi)
// hwq.mul  out = clamp(rmq((a - z_a) * (b - z_b), m, n) + z_out, lo, hi)
//
// rmq is roundingMultiplyByQ31, computed in i64 when the operand ranges
// allow it (always for 8-bit inputs) and in i128 otherwise. Broadcasting is
// TOSA's: size-1 input dimensions are read at index 0.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "../Common/FixedPointArith.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace hwq;
using namespace hwq::conversion;

namespace {

/// The clip range of a binary op: the output's storage range intersected
/// with the optional fused clamp.
std::pair<int64_t, int64_t> getClipRange(const QuantParams &out,
                                         std::optional<int64_t> lo,
                                         std::optional<int64_t> hi) {
  return {std::max(out.storageMin, lo.value_or(out.storageMin)),
          std::min(out.storageMax, hi.value_or(out.storageMax))};
}

/// Reads the three per-tensor parameter sets of a binary op.
LogicalResult getBinaryParams(Operation *op, PatternRewriter &rewriter,
                              QuantParams &a, QuantParams &b,
                              QuantParams &out) {
  FailureOr<QuantParams> pa =
      getParamsOrFail(op, op->getOperand(0).getType(), rewriter);
  FailureOr<QuantParams> pb =
      getParamsOrFail(op, op->getOperand(1).getType(), rewriter);
  FailureOr<QuantParams> po =
      getParamsOrFail(op, op->getResult(0).getType(), rewriter);
  if (failed(pa) || failed(pb) || failed(po))
    return failure();
  if (pa->isPerAxis() || pb->isPerAxis() || po->isPerAxis())
    return rewriter.notifyMatchFailure(op, "expects per-tensor types");
  a = *pa, b = *pb, out = *po;
  return success();
}

struct AddLowering : OpConversionPattern<AddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams pa, pb, po;
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    if (failed(getBinaryParams(op, rewriter, pa, pb, po)) || !resultType ||
        !resultType.hasStaticShape())
      return failure();
    // The verifier bounds |a'| + |b'| below 2^31, so only the input
    // rescales can need 128 bits.
    IntegerType type = getRescaleType(
        rewriter.getContext(),
        std::max<uint64_t>({uint64_t(pa.getMaxCenteredMagnitude()),
                            uint64_t(pb.getMaxCenteredMagnitude()),
                            uint64_t(1) << 31}));
    auto [lo, hi] = getClipRange(po, op.getClampMin(), op.getClampMax());
    ElementwiseBuilder g(rewriter, op.getLoc(), resultType);
    unsigned a = g.addBroadcastInput(adaptor.getA());
    unsigned b = g.addBroadcastInput(adaptor.getB());
    Value result = g.build([&](OpBuilder &nb, Location l, ArrayRef<Value> v) {
      auto c = [&](int64_t value) {
        return createIntConstant(nb, l, type, value);
      };
      auto centered = [&](OpBuilder &b, Location l, Value stored,
                          const QuantParams &params) -> Value {
        Value wide = extendStored(b, l, stored, params, type);
        Value zero = c(params.getZeroPoint());
        return arith::SubIOp::create(b, l, wide, zero);
      };
      auto rescale = [&](OpBuilder &b, Location l, Value value, int64_t m,
                         int64_t n) {
        Value multiplier = c(m);
        Value shift = c(n);
        return emitRoundingMultiplyByQ31(b, l, value, multiplier, shift);
      };
      Value ca = centered(nb, l, v[a], pa);
      Value cb = centered(nb, l, v[b], pb);
      Value ra = rescale(nb, l, ca, op.getMultiplierA(), op.getShiftA());
      Value rb = rescale(nb, l, cb, op.getMultiplierB(), op.getShiftB());
      Value sum = arith::AddIOp::create(nb, l, ra, rb);
      Value scaled =
          rescale(nb, l, sum, op.getMultiplierOut(), op.getShiftOut());
      Value zOut = c(po.getZeroPoint());
      Value shifted = arith::AddIOp::create(nb, l, scaled, zOut);
      return castInteger(nb, l, emitClamp(nb, l, shifted, lo, hi),
                         resultType.getElementType(), /*isSigned=*/true);
    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MulLowering : OpConversionPattern<MulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    QuantParams pa, pb, po;
    RankedTensorType resultType =
        convertTensorType(getTypeConverter(), op.getOutput().getType());
    if (failed(getBinaryParams(op, rewriter, pa, pb, po)) || !resultType ||
        !resultType.hasStaticShape())
      return failure();
    unsigned __int128 bound =
        static_cast<unsigned __int128>(pa.getMaxCenteredMagnitude()) *
        static_cast<unsigned __int128>(pb.getMaxCenteredMagnitude());
    uint64_t cappedBound = bound > std::numeric_limits<uint64_t>::max()
                               ? std::numeric_limits<uint64_t>::max()
                               : static_cast<uint64_t>(bound);
    IntegerType type = getRescaleType(rewriter.getContext(), cappedBound);
    auto [lo, hi] = getClipRange(po, op.getClampMin(), op.getClampMax());
    ElementwiseBuilder g(rewriter, op.getLoc(), resultType);
    unsigned a = g.addBroadcastInput(adaptor.getA());
    unsigned b = g.addBroadcastInput(adaptor.getB());
    Value result = g.build([&](OpBuilder &nb, Location l, ArrayRef<Value> v) {
      auto c = [&](int64_t value) {
        return createIntConstant(nb, l, type, value);
      };
      auto centered = [&](OpBuilder &b, Location l, Value stored,
                          const QuantParams &params) -> Value {
        Value wide = extendStored(b, l, stored, params, type);
        Value zero = c(params.getZeroPoint());
        return arith::SubIOp::create(b, l, wide, zero);
      };
      auto rescale = [&](OpBuilder &b, Location l, Value value, int64_t m,
                         int64_t n) {
        Value multiplier = c(m);
        Value shift = c(n);
        return emitRoundingMultiplyByQ31(b, l, value, multiplier, shift);
      };
      Value ca = centered(nb, l, v[a], pa);
      Value cb = centered(nb, l, v[b], pb);
      Value product = arith::MulIOp::create(nb, l, ca, cb);
      Value scaled = rescale(nb, l, product, op.getMultiplier(), op.getShift());
      Value zOut = c(po.getZeroPoint());
      Value shifted = arith::AddIOp::create(nb, l, scaled, zOut);
      return castInteger(nb, l, emitClamp(nb, l, shifted, lo, hi),
                         resultType.getElementType(), /*isSigned=*/true);
    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void conversion::populateElementwisePatterns(const TypeConverter &converter,
                                             RewritePatternSet &patterns) {
  patterns.add<AddLowering, MulLowering>(converter, patterns.getContext());
}
