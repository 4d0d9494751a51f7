//===- FixedPointArith.cpp - FixedPoint.h as arith ops --------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "FixedPointArith.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace hwq;
using namespace hwq::conversion;

Value conversion::createIntConstant(OpBuilder &b, Location loc, Type type,
                                    int64_t value) {
  unsigned width = type.getIntOrFloatBitWidth();
  APInt bits(width, static_cast<uint64_t>(value), /*isSigned=*/value < 0,
             /*implicitTrunc=*/true);
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, bits));
}

Value conversion::createF64Constant(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF64FloatAttr(value));
}

Value conversion::extendToF64(OpBuilder &b, Location loc, Value value) {
  if (value.getType().isF64())
    return value;
  return arith::ExtFOp::create(b, loc, b.getF64Type(), value);
}

Value conversion::roundFromF64(OpBuilder &b, Location loc, Value value,
                               Type type) {
  if (type.isF64())
    return value;
  return arith::TruncFOp::create(b, loc, type, value);
}

Value conversion::castInteger(OpBuilder &b, Location loc, Value value,
                              Type type, bool isSigned) {
  unsigned from = value.getType().getIntOrFloatBitWidth();
  unsigned to = type.getIntOrFloatBitWidth();
  if (from == to)
    return value;
  if (from > to)
    return arith::TruncIOp::create(b, loc, type, value);
  if (isSigned)
    return arith::ExtSIOp::create(b, loc, type, value);
  return arith::ExtUIOp::create(b, loc, type, value);
}

// Every builder below creates its ops in statement order (no op-creating
// calls as sibling arguments), so that the IR is the same whatever order a
// compiler evaluates function arguments in.

Value conversion::emitRoundToIntegral(OpBuilder &b, Location loc, Value x,
                                      RoundingMode mode) {
  Value rounded;
  switch (mode) {
  case RoundingMode::HalfToEven:
    rounded = math::RoundEvenOp::create(b, loc, x);
    break;
  case RoundingMode::HalfAwayFromZero:
    rounded = math::RoundOp::create(b, loc, x);
    break;
  case RoundingMode::HalfUp: {
    // floor(x) + (x - floor(x) >= 0.5): x - floor(x) is exact.
    Value floor = math::FloorOp::create(b, loc, x);
    Value fraction = arith::SubFOp::create(b, loc, x, floor);
    Value half = createF64Constant(b, loc, 0.5);
    Value up = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE,
                                     fraction, half);
    Value one = createF64Constant(b, loc, 1.0);
    Value next = arith::AddFOp::create(b, loc, floor, one);
    rounded = arith::SelectOp::create(b, loc, up, next, floor);
    break;
  }
  }
  Value isNaN = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  Value zero = createF64Constant(b, loc, 0.0);
  return arith::SelectOp::create(b, loc, isNaN, zero, rounded);
}

Value conversion::emitRoundToI64(OpBuilder &b, Location loc, Value x,
                                 RoundingMode mode) {
  Value r = emitRoundToIntegral(b, loc, x, mode);
  Type i64 = b.getI64Type();
  // 2^63 is exact in f64; the largest f64 below it is 2^63 - 1024.
  const double twoTo63 = 9223372036854775808.0;
  Value limit = createF64Constant(b, loc, twoTo63);
  Value tooLarge =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, r, limit);
  Value low = createF64Constant(b, loc, -twoTo63);
  Value high = createF64Constant(b, loc, twoTo63 - 1024.0);
  Value raised = arith::MaximumFOp::create(b, loc, r, low);
  Value clamped = arith::MinimumFOp::create(b, loc, raised, high);
  Value converted = arith::FPToSIOp::create(b, loc, i64, clamped);
  Value largest =
      createIntConstant(b, loc, i64, std::numeric_limits<int64_t>::max());
  return arith::SelectOp::create(b, loc, tooLarge, largest, converted);
}

Value conversion::emitQuantizeReal(OpBuilder &b, Location loc, Value x,
                                   Value scale, Value zeroPoint, int64_t qmin,
                                   int64_t qmax, RoundingMode mode) {
  Value quotient = arith::DivFOp::create(b, loc, x, scale);
  Value r = emitRoundToIntegral(b, loc, quotient, mode);
  Value shifted = arith::AddFOp::create(b, loc, r, zeroPoint);
  Value lo = createF64Constant(b, loc, static_cast<double>(qmin));
  Value hi = createF64Constant(b, loc, static_cast<double>(qmax));
  // r is never NaN; +-inf clamp to the bounds.
  Value raised = arith::MaximumFOp::create(b, loc, shifted, lo);
  return arith::MinimumFOp::create(b, loc, raised, hi);
}

Value conversion::emitRoundingMultiplyByQ31(OpBuilder &b, Location loc, Value a,
                                            Value multiplier, Value shift) {
  Type type = a.getType();
  Value product = arith::MulIOp::create(b, loc, a, multiplier);
  Value one = createIntConstant(b, loc, type, 1);
  // (1 << n) >> 1 is 2^(n-1), or 0 when n == 0.
  Value power = arith::ShLIOp::create(b, loc, one, shift);
  Value half = arith::ShRUIOp::create(b, loc, power, one);
  Value sum = arith::AddIOp::create(b, loc, product, half);
  return arith::ShRSIOp::create(b, loc, sum, shift);
}

IntegerType conversion::getRescaleType(MLIRContext *context, uint64_t bound) {
  // bound * (2^31 - 1) + 2^61 < 2^63  <=>  bound < (2^63 - 2^61) / (2^31 - 1)
  const unsigned __int128 limit = (static_cast<unsigned __int128>(1) << 63) -
                                  (static_cast<unsigned __int128>(1) << 61);
  unsigned __int128 worst =
      static_cast<unsigned __int128>(bound) * ((uint64_t(1) << 31) - 1);
  return IntegerType::get(context, worst < limit ? 64 : 128);
}

Value conversion::emitClamp(OpBuilder &b, Location loc, Value value, int64_t lo,
                            int64_t hi) {
  Type type = value.getType();
  Value low = createIntConstant(b, loc, type, lo);
  Value high = createIntConstant(b, loc, type, hi);
  Value raised = arith::MaxSIOp::create(b, loc, value, low);
  return arith::MinSIOp::create(b, loc, raised, high);
}

RuntimeMultiplier conversion::emitComputeMultiplierAndShift(OpBuilder &b,
                                                            Location loc,
                                                            Value ratio) {
  Type i64 = b.getI64Type();
  auto c = [&](int64_t v) { return createIntConstant(b, loc, i64, v); };
  auto cmp = [&](arith::CmpIPredicate predicate, Value lhs, int64_t rhs) {
    Value constant = c(rhs);
    return arith::CmpIOp::create(b, loc, predicate, lhs, constant).getResult();
  };
  auto both = [&](Value lhs, Value rhs) {
    return arith::AndIOp::create(b, loc, lhs, rhs).getResult();
  };
  Value bits = arith::BitcastOp::create(b, loc, i64, ratio);
  // E = bits[62:52], mantissa = bits[51:0].
  Value c52 = c(52);
  Value high = arith::ShRUIOp::create(b, loc, bits, c52);
  Value exponentMask = c(0x7ff);
  Value exponent = arith::AndIOp::create(b, loc, high, exponentMask);
  Value mantissaMask = c((int64_t(1) << 52) - 1);
  Value mantissa = arith::AndIOp::create(b, loc, bits, mantissaMask);
  Value hidden = c(int64_t(1) << 52);
  Value significand = arith::OrIOp::create(b, loc, mantissa, hidden);
  // (significand + 2^21) >> 22: frexp's fraction * 2^31, rounded half up.
  Value roundingBit = c(int64_t(1) << 21);
  Value biased = arith::AddIOp::create(b, loc, significand, roundingBit);
  Value c22 = c(22);
  Value rounded = arith::ShRUIOp::create(b, loc, biased, c22);
  Value carry = cmp(arith::CmpIPredicate::eq, rounded, int64_t(1) << 31);
  Value half = c(int64_t(1) << 30);
  Value multiplier = arith::SelectOp::create(b, loc, carry, half, rounded);
  // shift = 31 - (E - 1022) - carry = 1053 - E - carry.
  Value c1053 = c(1053);
  Value unadjusted = arith::SubIOp::create(b, loc, c1053, exponent);
  Value carried = arith::ExtUIOp::create(b, loc, i64, carry);
  Value shift = arith::SubIOp::create(b, loc, unadjusted, carried);
  // Valid: a positive normal ratio whose shift is in [0, 62].
  Value normalLow = cmp(arith::CmpIPredicate::sge, exponent, 1);
  Value normalHigh = cmp(arith::CmpIPredicate::sle, exponent, 2046);
  Value shiftLow = cmp(arith::CmpIPredicate::sge, shift, 0);
  Value shiftHigh = cmp(arith::CmpIPredicate::sle, shift, 62);
  Value positive = cmp(arith::CmpIPredicate::sge, bits, 0);
  Value normal = both(normalLow, normalHigh);
  Value inRange = both(shiftLow, shiftHigh);
  Value valid = both(normal, inRange);
  valid = both(valid, positive);
  return {multiplier, shift, valid};
}
