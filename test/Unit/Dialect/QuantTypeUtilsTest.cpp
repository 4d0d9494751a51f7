//===- QuantTypeUtilsTest.cpp - !quant.uniform helpers ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/BuiltinTypes.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdlib>

using namespace mlir;
using namespace hwq;

namespace {

class QuantTypeUtilsTest : public ::testing::Test {
protected:
  QuantTypeUtilsTest() { context.loadDialect<HwqDialect>(); }

  Type parse(StringRef text) { return parseType(text, &context); }

  MLIRContext context;
};

TEST_F(QuantTypeUtilsTest, PerTensorParams) {
  FailureOr<QuantParams> p =
      getQuantParams(parse("tensor<4x!quant.uniform<u8:f32, 0.5:128>>"));
  ASSERT_TRUE(succeeded(p));
  EXPECT_FALSE(p->isPerAxis());
  EXPECT_EQ(p->getNumChannels(), 1u);
  EXPECT_EQ(p->getScale(), 0.5);
  EXPECT_EQ(p->getZeroPoint(), 128);
  // Per-tensor accessors ignore the channel.
  EXPECT_EQ(p->getScale(7), 0.5);
  EXPECT_EQ(p->storageMin, 0);
  EXPECT_EQ(p->storageMax, 255);
  EXPECT_EQ(p->storageWidth, 8u);
  EXPECT_FALSE(p->isSigned);
  EXPECT_TRUE(p->hasFullStorageRange());
  EXPECT_TRUE(p->expressedType.isF32());
  EXPECT_EQ(p->getMaxCenteredMagnitude(), 128);
}

TEST_F(QuantTypeUtilsTest, NarrowStorageIsTheClipRange) {
  // A 6-bit edge in an i8 container clips to 6 bits.
  FailureOr<QuantParams> p =
      getQuantParams(parse("!quant.uniform<i8<-32:31>:f32, 0.1>"));
  ASSERT_TRUE(succeeded(p));
  EXPECT_EQ(p->storageMin, -32);
  EXPECT_EQ(p->storageMax, 31);
  EXPECT_EQ(p->storageWidth, 8u);
  EXPECT_TRUE(p->isSigned);
  EXPECT_FALSE(p->hasFullStorageRange());
  EXPECT_EQ(p->getMaxCenteredMagnitude(), 32);
}

TEST_F(QuantTypeUtilsTest, PerAxisParams) {
  FailureOr<QuantParams> p = getQuantParams(
      parse("tensor<2x3x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-2, 2.0}>>"));
  ASSERT_TRUE(succeeded(p));
  ASSERT_TRUE(p->isPerAxis());
  EXPECT_EQ(*p->axis, 1);
  EXPECT_EQ(p->getNumChannels(), 3u);
  EXPECT_EQ(p->getScale(1), 0.25);
  EXPECT_EQ(p->getZeroPoint(1), -2);
  EXPECT_EQ(p->getScale(2), 2.0);
  EXPECT_EQ(p->getZeroPoint(2), 0);
  // |q - z| is largest for channel 1: 127 + 2.
  EXPECT_EQ(p->getMaxCenteredMagnitude(), 129);
}

TEST_F(QuantTypeUtilsTest, RejectsOtherTypes) {
  EXPECT_TRUE(failed(getQuantParams(parse("tensor<4xf32>"))));
  EXPECT_TRUE(failed(getQuantParams(parse("i8"))));
  EXPECT_TRUE(failed(getQuantParams(parse("!quant.any<i8:f32>"))));
  EXPECT_TRUE(failed(
      getQuantParams(parse("tensor<2x4x!quant.uniform<i8:f32:{0:1, 1:2}, "
                           "{{2.0, 3.0}, {4.0, 5.0}}>>"))));
  EXPECT_FALSE(getUniformElementType(parse("tensor<4xi8>")));
  EXPECT_TRUE(getUniformElementType(parse("!quant.uniform<i8:f32, 1.0>")));
}

TEST_F(QuantTypeUtilsTest, ProductScaleRoundsToF32) {
  // 0.1 * 0.02 in float64 is not an f32 value; productScale is.
  double exact = 0.1 * 0.02;
  double product = productScale(0.1, 0.02);
  EXPECT_EQ(product, static_cast<double>(static_cast<float>(exact)));
  EXPECT_NE(product, exact);
  EXPECT_TRUE(scalesMatch(product, exact));
  EXPECT_TRUE(scalesMatch(exact, product));
  EXPECT_FALSE(scalesMatch(exact * 1.001, exact));
  // Products of powers of two are exact.
  EXPECT_EQ(productScale(0.5, 0.25), 0.125);
}

TEST_F(QuantTypeUtilsTest, WrapToWidth) {
  EXPECT_EQ(wrapToWidth(32767, 16), 32767);
  EXPECT_EQ(wrapToWidth(32768, 16), -32768);
  EXPECT_EQ(wrapToWidth(-32769, 16), 32767);
  EXPECT_EQ(wrapToWidth(int64_t(1) << 31, 32), INT32_MIN);
  EXPECT_EQ(wrapToWidth((int64_t(1) << 32) + 5, 32), 5);
  EXPECT_EQ(wrapToWidth(-5, 32), -5);
  EXPECT_EQ(wrapToWidth(INT64_MIN, 64), INT64_MIN);
  // Wrapping commutes with addition: wrap once at the end or every step.
  int64_t acc = 0, stepWise = 0;
  for (int64_t v : {30000, 20000, -70000, 25000, 31000}) {
    acc += v;
    stepWise = wrapToWidth(stepWise + v, 16);
  }
  EXPECT_EQ(wrapToWidth(acc, 16), stepWise);
}

TEST_F(QuantTypeUtilsTest, RequantizeInteger) {
  // Ratio 0.5: (2^30, 31). 5 * 0.5 = 2.5 rounds half up to 3; -5 -> -2.
  FixedPointMultiplier half{1 << 30, 31};
  EXPECT_EQ(requantizeInteger(5, half, 0, -128, 127), 3);
  EXPECT_EQ(requantizeInteger(-5, half, 0, -128, 127), -2);
  // Zero point then clamp (a fused ReLU6 window [-128, -104]).
  EXPECT_EQ(requantizeInteger(100, half, -128, -128, -104), -104);
  EXPECT_EQ(requantizeInteger(-100, half, -128, -128, -104), -128);
  EXPECT_EQ(requantizeInteger(20, half, -128, -128, -104), -118);
}

TEST_F(QuantTypeUtilsTest, RequantizeMultipliersPerChannel) {
  FailureOr<QuantParams> in =
      getQuantParams(parse("!quant.uniform<i32:f32:3, {0.125, 0.0625}>"));
  FailureOr<QuantParams> out =
      getQuantParams(parse("!quant.uniform<i8:f32, 0.25>"));
  ASSERT_TRUE(succeeded(in) && succeeded(out));
  FailureOr<SmallVector<FixedPointMultiplier>> m =
      computeRequantizeMultipliers(*in, *out, 2);
  ASSERT_TRUE(succeeded(m));
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].multiplier, 1 << 30);
  EXPECT_EQ((*m)[0].shift, 31);
  EXPECT_EQ((*m)[1].shift, 32);
  // Channel count mismatch and unrepresentable ratios fail.
  EXPECT_TRUE(failed(computeRequantizeMultipliers(*in, *out, 3)));
  FailureOr<QuantParams> tiny =
      getQuantParams(parse("!quant.uniform<i8:f32, 1.0e-12>"));
  ASSERT_TRUE(succeeded(tiny));
  EXPECT_TRUE(failed(computeRequantizeMultipliers(*out, *tiny)));
}

TEST_F(QuantTypeUtilsTest, AddIntermediateShift) {
  FailureOr<QuantParams> a =
      getQuantParams(parse("!quant.uniform<i8:f32, 0.5>"));
  FailureOr<QuantParams> b =
      getQuantParams(parse("!quant.uniform<i8:f32, 0.25>"));
  ASSERT_TRUE(succeeded(a) && succeeded(b));
  int32_t k = chooseAddIntermediateShift(*a, *b);
  // 128 * 2^(k+1) + 128 * 2^k < 2^24 holds for k = 15, not for 16.
  EXPECT_EQ(k, 15);
  double si = getAddIntermediateScale(0.5, 0.25, k);
  EXPECT_EQ(si, std::ldexp(0.25, -15));
  EXPECT_LT(128 * (0.5 / si) + 128 * (0.25 / si), 16777216.0);
  EXPECT_GE(128 * (0.5 / (si / 2)) + 128 * (0.25 / (si / 2)), 16777216.0);
}

TEST_F(QuantTypeUtilsTest, AccumulatorElementType) {
  FailureOr<QuantParams> in =
      getQuantParams(parse("!quant.uniform<u8:f32, 0.1:128>"));
  FailureOr<QuantParams> w =
      getQuantParams(parse("!quant.uniform<i8:f32:0, {0.02, 0.5}>"));
  ASSERT_TRUE(succeeded(in) && succeeded(w));
  FailureOr<quant::QuantizedType> acc =
      inferAccumulatorElementType(*in, *w, 16, 3);
  ASSERT_TRUE(succeeded(acc));
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(*acc);
  ASSERT_TRUE(perAxis);
  EXPECT_EQ(perAxis.getQuantizedDimension(), 3);
  EXPECT_EQ(perAxis.getStorageTypeIntegralWidth(), 16u);
  EXPECT_TRUE(perAxis.isSigned());
  EXPECT_EQ(perAxis.getScales()[0], productScale(0.1, 0.02));
  EXPECT_EQ(perAxis.getZeroPoints()[1], 0);
  // A per-axis activation has no accumulator type.
  EXPECT_TRUE(failed(inferAccumulatorElementType(*w, *w, 32, 0)));
}

} // namespace
