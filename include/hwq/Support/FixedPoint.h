//===- FixedPoint.h - integer rescaling primitives --------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The arithmetic every realized integer graph, every simulated graph and every
// kernel agree on (docs/Numerics.md). These functions are the definition: the
// reference evaluator calls them, lowerings emit the same operations, tests
// compare against them.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SUPPORT_FIXEDPOINT_H
#define HWQ_SUPPORT_FIXEDPOINT_H

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"

#include <cstdint>
#include <optional>

namespace hwq {

/// A positive real ratio as `multiplier * 2^-shift` with a Q31 multiplier in
/// [2^30, 2^31) (or 0 for a zero ratio).
struct FixedPointMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

/// Largest total right shift a FixedPointMultiplier may carry.
constexpr int32_t kMaxFixedPointShift = 62;

/// Represents `ratio` (>= 0, finite) as a Q31 multiplier and a right shift:
/// ratio = f * 2^e with f in [0.5, 1); multiplier = round-half-away(f * 2^31),
/// and when that rounds up to 2^31, multiplier = 2^30 and e += 1;
/// shift = 31 - e. Returns std::nullopt when the shift falls outside
/// [0, kMaxFixedPointShift] (ratio >= 2^31 or ratio < 2^-31) or the ratio is
/// negative or not finite. A zero ratio gives {0, 0}.
std::optional<FixedPointMultiplier> computeMultiplierAndShift(double ratio);

/// `a * multiplier * 2^-shift` rounded half up:
/// (a * multiplier + 2^(shift-1)) >> shift with an arithmetic shift, computed
/// exactly in 128-bit arithmetic; `a * multiplier` when shift == 0. The
/// result saturates to the int64_t range.
int64_t roundingMultiplyByQ31(int64_t a, int32_t multiplier, int32_t shift);

/// Rounds `x` to an integer by `mode` (HalfToEven, HalfAwayFromZero, HalfUp).
/// Non-finite inputs and values beyond the int64_t range saturate (NaN -> 0).
int64_t roundToInt(double x, RoundingMode mode);

/// clamp(round(x / scale) + zeroPoint, qmin, qmax); the division is done in
/// double. `scale` must be positive.
int64_t quantizeReal(double x, double scale, int64_t zeroPoint, int64_t qmin,
                     int64_t qmax, RoundingMode mode = RoundingMode::HalfToEven);

/// The integer range of a `bits`-wide edge: [-(2^(bits-1)) (+1 when
/// narrowRange), 2^(bits-1) - 1] when signed, [0, 2^bits - 1] otherwise.
/// `bits` in [1, 63].
int64_t integerRangeMin(unsigned bits, bool isSigned, bool narrowRange = false);
int64_t integerRangeMax(unsigned bits, bool isSigned);

} // namespace hwq

#endif // HWQ_SUPPORT_FIXEDPOINT_H
