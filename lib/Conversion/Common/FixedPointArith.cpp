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
    Value up = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE,
                                     fraction, createF64Constant(b, loc, 0.5));
    Value next =
        arith::AddFOp::create(b, loc, floor, createF64Constant(b, loc, 1.0));
    rounded = arith::SelectOp::create(b, loc, up, next, floor);
    break;
  }
  }
  Value isNaN =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  return arith::SelectOp::create(b, loc, isNaN, createF64Constant(b, loc, 0.0),
                                 rounded);
}

Value conversion::emitRoundToI64(OpBuilder &b, Location loc, Value x,
                                 RoundingMode mode) {
  Value r = emitRoundToIntegral(b, loc, x, mode);
  Type i64 = b.getI64Type();
  // 2^63 is exact in f64; the largest f64 below it is 2^63 - 1024.
  const double twoTo63 = 9223372036854775808.0;
  Value tooLarge = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, r,
                                         createF64Constant(b, loc, twoTo63));
  Value low = createF64Constant(b, loc, -twoTo63);
  Value high = createF64Constant(b, loc, twoTo63 - 1024.0);
  Value clamped = arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, r, low), high);
  Value converted = arith::FPToSIOp::create(b, loc, i64, clamped);
  return arith::SelectOp::create(
      b, loc, tooLarge,
      createIntConstant(b, loc, i64, std::numeric_limits<int64_t>::max()),
      converted);
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
  return arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, shifted, lo), hi);
}

Value conversion::emitRoundingMultiplyByQ31(OpBuilder &b, Location loc,
                                            Value a, Value multiplier,
                                            Value shift) {
  Type type = a.getType();
  Value product = arith::MulIOp::create(b, loc, a, multiplier);
  Value one = createIntConstant(b, loc, type, 1);
  // (1 << n) >> 1 is 2^(n-1), or 0 when n == 0.
  Value half = arith::ShRUIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, one, shift), one);
  Value sum = arith::AddIOp::create(b, loc, product, half);
  return arith::ShRSIOp::create(b, loc, sum, shift);
}

IntegerType conversion::getRescaleType(MLIRContext *context, uint64_t bound) {
  // bound * (2^31 - 1) + 2^61 < 2^63  <=>  bound < (2^63 - 2^61) / (2^31 - 1)
  const unsigned __int128 limit =
      (static_cast<unsigned __int128>(1) << 63) -
      (static_cast<unsigned __int128>(1) << 61);
  unsigned __int128 worst =
      static_cast<unsigned __int128>(bound) * ((uint64_t(1) << 31) - 1);
  return IntegerType::get(context, worst < limit ? 64 : 128);
}

Value conversion::emitClamp(OpBuilder &b, Location loc, Value value,
                            int64_t lo, int64_t hi) {
  Type type = value.getType();
  Value low = createIntConstant(b, loc, type, lo);
  Value high = createIntConstant(b, loc, type, hi);
  return arith::MinSIOp::create(b, loc,
                                arith::MaxSIOp::create(b, loc, value, low),
                                high);
}

RuntimeMultiplier conversion::emitComputeMultiplierAndShift(OpBuilder &b,
                                                            Location loc,
                                                            Value ratio) {
  Type i64 = b.getI64Type();
  auto c = [&](int64_t v) { return createIntConstant(b, loc, i64, v); };
  Value bits = arith::BitcastOp::create(b, loc, i64, ratio);
  Value exponent = arith::AndIOp::create(
      b, loc, arith::ShRUIOp::create(b, loc, bits, c(52)), c(0x7ff));
  Value mantissa =
      arith::AndIOp::create(b, loc, bits, c((int64_t(1) << 52) - 1));
  Value significand =
      arith::OrIOp::create(b, loc, mantissa, c(int64_t(1) << 52));
  Value rounded = arith::ShRUIOp::create(
      b, loc, arith::AddIOp::create(b, loc, significand, c(int64_t(1) << 21)),
      c(22));
  Value carry = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                      rounded, c(int64_t(1) << 31));
  Value multiplier =
      arith::SelectOp::create(b, loc, carry, c(int64_t(1) << 30), rounded);
  // shift = 31 - (E - 1022) - carry = 1053 - E - carry.
  Value shift = arith::SubIOp::create(
      b, loc, arith::SubIOp::create(b, loc, c(1053), exponent),
      arith::ExtUIOp::create(b, loc, i64, carry));
  auto cmp = [&](arith::CmpIPredicate predicate, Value lhs, int64_t rhs) {
    return arith::CmpIOp::create(b, loc, predicate, lhs, c(rhs));
  };
  Value valid = arith::AndIOp::create(
      b, loc,
      arith::AndIOp::create(b, loc,
                            cmp(arith::CmpIPredicate::sge, exponent, 1),
                            cmp(arith::CmpIPredicate::sle, exponent, 2046)),
      arith::AndIOp::create(b, loc, cmp(arith::CmpIPredicate::sge, shift, 0),
                            cmp(arith::CmpIPredicate::sle, shift, 62)));
  // A positive ratio: the sign bit must be clear.
  valid = arith::AndIOp::create(b, loc, valid,
                                cmp(arith::CmpIPredicate::sge, bits, 0));
  return {multiplier, shift, valid};
}
