//===- FixedPointTest.cpp - fixed-point rescaling primitives ----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Support/FixedPoint.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace hwq;

namespace {

TEST(FixedPointTest, MultiplierIsNormalized) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> logDist(-30.0, 30.0);
  for (int i = 0; i < 10000; ++i) {
    double ratio = std::exp2(logDist(rng));
    auto fp = computeMultiplierAndShift(ratio);
    ASSERT_TRUE(fp.has_value()) << ratio;
    EXPECT_GE(fp->multiplier, int32_t(1) << 30);
    EXPECT_LE(fp->shift, kMaxFixedPointShift);
    double back = std::ldexp(double(fp->multiplier), -fp->shift);
    // Q31 keeps 31 significant bits: relative error below 2^-31.
    EXPECT_LE(std::fabs(back - ratio) / ratio, std::exp2(-31)) << ratio;
  }
}

TEST(FixedPointTest, ExactPowersOfTwo) {
  auto half = computeMultiplierAndShift(0.5);
  ASSERT_TRUE(half);
  EXPECT_EQ(half->multiplier, int32_t(1) << 30);
  EXPECT_EQ(half->shift, 31);
  auto one = computeMultiplierAndShift(1.0);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->multiplier, int32_t(1) << 30);
  EXPECT_EQ(one->shift, 30);
}

TEST(FixedPointTest, RoundUpToNextPowerOfTwo) {
  // Just below 1.0: f * 2^31 rounds to 2^31, so the multiplier renormalizes.
  auto fp = computeMultiplierAndShift(std::nextafter(1.0, 0.0));
  ASSERT_TRUE(fp);
  EXPECT_EQ(fp->multiplier, int32_t(1) << 30);
  EXPECT_EQ(fp->shift, 30);
}

TEST(FixedPointTest, RejectsOutOfRange) {
  EXPECT_FALSE(computeMultiplierAndShift(-1.0));
  EXPECT_FALSE(computeMultiplierAndShift(std::nan("")));
  EXPECT_FALSE(computeMultiplierAndShift(INFINITY));
  EXPECT_FALSE(computeMultiplierAndShift(std::exp2(40)));
  EXPECT_FALSE(computeMultiplierAndShift(std::exp2(-40)));
  auto zero = computeMultiplierAndShift(0.0);
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero->multiplier, 0);
}

TEST(FixedPointTest, RoundingMultiplyRoundsHalfUp) {
  // multiplier 2^30, shift 31 is a multiplication by exactly 0.5.
  int32_t m = int32_t(1) << 30;
  EXPECT_EQ(roundingMultiplyByQ31(3, m, 31), 2);   // 1.5 -> 2
  EXPECT_EQ(roundingMultiplyByQ31(-3, m, 31), -1); // -1.5 -> -1
  EXPECT_EQ(roundingMultiplyByQ31(5, m, 31), 3);   // 2.5 -> 3
  EXPECT_EQ(roundingMultiplyByQ31(-5, m, 31), -2); // -2.5 -> -2
  EXPECT_EQ(roundingMultiplyByQ31(4, m, 31), 2);
  EXPECT_EQ(roundingMultiplyByQ31(7, m, 0), int64_t(7) << 30);
}

TEST(FixedPointTest, RoundingMultiplyMatchesExactRational) {
  // Against an independent computation in long double for small operands,
  // where long double (64-bit mantissa) holds the product exactly.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> aDist(-(int64_t(1) << 24),
                                               int64_t(1) << 24);
  std::uniform_int_distribution<int32_t> mDist(int32_t(1) << 30, INT32_MAX);
  std::uniform_int_distribution<int32_t> sDist(1, 50);
  for (int i = 0; i < 20000; ++i) {
    int64_t a = aDist(rng);
    int32_t m = mDist(rng), s = sDist(rng);
    long double exact = std::ldexp((long double)a * m, -s);
    int64_t expected = (int64_t)std::floor(exact + 0.5L);
    ASSERT_EQ(roundingMultiplyByQ31(a, m, s), expected)
        << a << " " << m << " " << s;
  }
}

TEST(FixedPointTest, RoundToIntModes) {
  EXPECT_EQ(roundToInt(2.5, RoundingMode::HalfToEven), 2);
  EXPECT_EQ(roundToInt(3.5, RoundingMode::HalfToEven), 4);
  EXPECT_EQ(roundToInt(-2.5, RoundingMode::HalfToEven), -2);
  EXPECT_EQ(roundToInt(2.5, RoundingMode::HalfAwayFromZero), 3);
  EXPECT_EQ(roundToInt(-2.5, RoundingMode::HalfAwayFromZero), -3);
  EXPECT_EQ(roundToInt(-2.5, RoundingMode::HalfUp), -2);
  EXPECT_EQ(roundToInt(2.5, RoundingMode::HalfUp), 3);
  EXPECT_EQ(roundToInt(0.49999999999999994, RoundingMode::HalfUp), 0);
  EXPECT_EQ(roundToInt(1e30, RoundingMode::HalfToEven), INT64_MAX);
  EXPECT_EQ(roundToInt(-1e30, RoundingMode::HalfToEven), INT64_MIN);
  EXPECT_EQ(roundToInt(std::nan(""), RoundingMode::HalfToEven), 0);
}

TEST(FixedPointTest, QuantizeRealClampsToEdgeRange) {
  // A 6-bit signed edge clips to [-32, 31], not to the 8-bit container.
  int64_t lo = integerRangeMin(6, true), hi = integerRangeMax(6, true);
  EXPECT_EQ(lo, -32);
  EXPECT_EQ(hi, 31);
  EXPECT_EQ(quantizeReal(100.0, 1.0, 0, lo, hi), 31);
  EXPECT_EQ(quantizeReal(-100.0, 1.0, 0, lo, hi), -32);
  EXPECT_EQ(quantizeReal(0.25, 0.5, 3, 0, 255), 3); // 0.5 -> 0 (even) + 3
  EXPECT_EQ(quantizeReal(0.75, 0.5, 3, 0, 255), 5); // 1.5 -> 2 (even) + 3
  EXPECT_EQ(quantizeReal(0.75, 0.5, 3, 0, 255, RoundingMode::HalfUp), 5);
  EXPECT_EQ(quantizeReal(-0.25, 0.5, 0, -8, 7, RoundingMode::HalfAwayFromZero),
            -1);
  EXPECT_EQ(integerRangeMin(8, true, /*narrowRange=*/true), -127);
  EXPECT_EQ(integerRangeMax(4, false), 15);
}

} // namespace
