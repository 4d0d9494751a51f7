//===- FixedPointArith.h - FixedPoint.h as arith ops ------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The primitives of hwq/Support/FixedPoint.h (roundToInt, quantizeReal,
// computeMultiplierAndShift, roundingMultiplyByQ31) emitted as scalar
// arith/math ops, for the bodies of the linalg.generic ops that the hwq
// lowerings build. Each builder states which C++ function it reproduces and
// under which conditions the two agree bit for bit.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_LIB_CONVERSION_COMMON_FIXEDPOINTARITH_H
#define HWQ_LIB_CONVERSION_COMMON_FIXEDPOINTARITH_H

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cstdint>

namespace hwq {
namespace conversion {

/// A scalar integer constant of `type` with the low bits of `value` (the
/// two's complement bit pattern; 128-bit types get the sign-extended value).
mlir::Value createIntConstant(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Type type, int64_t value);

/// A scalar f64 constant.
mlir::Value createF64Constant(mlir::OpBuilder &b, mlir::Location loc,
                              double value);

/// `value` (any float type) extended to f64; f64 values are returned as is.
mlir::Value extendToF64(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value value);

/// `value` (f64) rounded to `type` (a float type); f64 returns `value`.
mlir::Value roundFromF64(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value value, mlir::Type type);

/// `value` (a signless integer) sign- or zero-extended (`isSigned`) or
/// truncated to `type`.
mlir::Value castInteger(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value value, mlir::Type type, bool isSigned);

/// hwq::roundToInt without the conversion to an integer: `x` (f64) rounded
/// to an integral f64 by `mode`, NaN mapped to 0 (infinities stay).
mlir::Value emitRoundToIntegral(mlir::OpBuilder &b, mlir::Location loc,
                                mlir::Value x, RoundingMode mode);

/// hwq::roundToInt(x, mode) as an i64: saturating at the int64_t range,
/// NaN -> 0.
mlir::Value emitRoundToI64(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value x, RoundingMode mode);

/// hwq::quantizeReal(x, scale, zeroPoint, qmin, qmax, mode) as an integral
/// f64 in [qmin, qmax]; `x`, `scale` and `zeroPoint` are f64 (the zero point
/// an integral value). Exact as long as |qmin|, |qmax| and |zeroPoint| are
/// below 2^52: the zero point is added in f64, which is exact whenever the
/// sum can land inside [qmin, qmax].
mlir::Value emitQuantizeReal(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value x, mlir::Value scale,
                             mlir::Value zeroPoint, int64_t qmin, int64_t qmax,
                             RoundingMode mode);

/// hwq::roundingMultiplyByQ31(a, multiplier, shift) on one integer type
/// (all three operands have it): (a * m + ((1 << n) >> 1)) >> n with an
/// arithmetic shift. Exact when |a| * (2^31 - 1) + 2^61 fits the type (see
/// getRescaleType); the int64_t saturation of the C++ function never
/// matters to callers that clamp to a 32-bit range afterwards.
mlir::Value emitRoundingMultiplyByQ31(mlir::OpBuilder &b, mlir::Location loc,
                                      mlir::Value a, mlir::Value multiplier,
                                      mlir::Value shift);

/// The integer type in which emitRoundingMultiplyByQ31 is exact for
/// operands of magnitude at most `bound`: i64 when
/// bound * (2^31 - 1) + 2^61 < 2^63, else i128.
mlir::IntegerType getRescaleType(mlir::MLIRContext *context, uint64_t bound);

/// clamp(value, lo, hi) on a signed integer of any width >= 33 bits.
mlir::Value emitClamp(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                      int64_t lo, int64_t hi);

/// The result of emitComputeMultiplierAndShift: i64 multiplier and shift,
/// and an i1 that is false where hwq::computeMultiplierAndShift fails.
struct RuntimeMultiplier {
  mlir::Value multiplier;
  mlir::Value shift;
  mlir::Value valid;
};

/// hwq::computeMultiplierAndShift(ratio) for a positive f64 `ratio`, from
/// its bits: ratio = (2^52 + mantissa) * 2^(E - 1075), so
/// frexp's fraction times 2^31 is (2^52 + mantissa) / 2^22 and its rounding
/// half away from zero is (2^52 + mantissa + 2^21) >> 22; a result of 2^31
/// becomes 2^30 with the exponent incremented; shift = 31 - e with
/// e = E - 1022. `valid` is false for zero, subnormal, infinite or NaN
/// ratios and for shifts outside [0, 62].
RuntimeMultiplier emitComputeMultiplierAndShift(mlir::OpBuilder &b,
                                                mlir::Location loc,
                                                mlir::Value ratio);

} // namespace conversion
} // namespace hwq

#endif // HWQ_LIB_CONVERSION_COMMON_FIXEDPOINTARITH_H
