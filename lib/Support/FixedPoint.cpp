//===- FixedPoint.cpp - integer rescaling primitives ------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Support/FixedPoint.h"

#include <cmath>
#include <limits>

using namespace hwq;

std::optional<FixedPointMultiplier> hwq::computeMultiplierAndShift(double ratio) {
  if (!std::isfinite(ratio) || ratio < 0)
    return std::nullopt;
  if (ratio == 0)
    return FixedPointMultiplier{0, 0};
  int exponent = 0;
  double fraction = std::frexp(ratio, &exponent); // ratio = f * 2^e
  // std::round rounds half away from zero.
  int64_t multiplier = static_cast<int64_t>(std::round(std::ldexp(fraction, 31)));
  if (multiplier == (int64_t(1) << 31)) {
    multiplier = int64_t(1) << 30;
    ++exponent;
  }
  int64_t shift = 31 - int64_t(exponent);
  if (shift < 0 || shift > kMaxFixedPointShift)
    return std::nullopt;
  return FixedPointMultiplier{static_cast<int32_t>(multiplier),
                              static_cast<int32_t>(shift)};
}

int64_t hwq::roundingMultiplyByQ31(int64_t a, int32_t multiplier,
                                   int32_t shift) {
  __int128 product = static_cast<__int128>(a) * multiplier;
  if (shift > 0) {
    product += static_cast<__int128>(1) << (shift - 1);
    product >>= shift; // arithmetic: rounds the half up
  }
  if (product > std::numeric_limits<int64_t>::max())
    return std::numeric_limits<int64_t>::max();
  if (product < std::numeric_limits<int64_t>::min())
    return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(product);
}

int64_t hwq::roundToInt(double x, RoundingMode mode) {
  if (std::isnan(x))
    return 0;
  double r = x;
  switch (mode) {
  case RoundingMode::HalfToEven:
    r = std::nearbyint(x); // default FE_TONEAREST: ties to even
    break;
  case RoundingMode::HalfAwayFromZero:
    r = std::round(x);
    break;
  case RoundingMode::HalfUp:
    // x - floor(x) is exact, unlike x + 0.5.
    r = std::floor(x);
    if (x - r >= 0.5)
      r += 1;
    break;
  }
  // 2^63 is exactly representable; anything at or above it saturates.
  if (r >= 9223372036854775808.0)
    return std::numeric_limits<int64_t>::max();
  if (r < -9223372036854775808.0)
    return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(r);
}

int64_t hwq::quantizeReal(double x, double scale, int64_t zeroPoint,
                          int64_t qmin, int64_t qmax, RoundingMode mode) {
  int64_t q = roundToInt(x / scale, mode);
  // Saturating add of the zero point.
  if (zeroPoint > 0 && q > std::numeric_limits<int64_t>::max() - zeroPoint)
    q = std::numeric_limits<int64_t>::max();
  else if (zeroPoint < 0 && q < std::numeric_limits<int64_t>::min() - zeroPoint)
    q = std::numeric_limits<int64_t>::min();
  else
    q += zeroPoint;
  return q < qmin ? qmin : (q > qmax ? qmax : q);
}

int64_t hwq::integerRangeMin(unsigned bits, bool isSigned, bool narrowRange) {
  if (!isSigned)
    return 0;
  return -(int64_t(1) << (bits - 1)) + (narrowRange ? 1 : 0);
}

int64_t hwq::integerRangeMax(unsigned bits, bool isSigned) {
  if (!isSigned)
    return bits >= 63 ? std::numeric_limits<int64_t>::max()
                      : (int64_t(1) << bits) - 1;
  return (int64_t(1) << (bits - 1)) - 1;
}
