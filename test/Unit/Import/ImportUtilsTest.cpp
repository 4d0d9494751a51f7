//===- ImportUtilsTest.cpp - window and layout helpers ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/ImportUtils.h"
#include "hwq/Import/Onnx.h"

#include "gtest/gtest.h"

#include <numeric>

using namespace hwq;
using namespace hwq::import;

namespace {

/// TOSA's exactness rule for one axis.
void expectExact(const WindowAxis &axis, int64_t in, int64_t kernel,
                 int64_t stride, int64_t dilation) {
  int64_t eff = (kernel - 1) * dilation + 1;
  EXPECT_EQ(in - axis.inputCrop + axis.padBegin + axis.padEnd - eff,
            (axis.outSize - 1) * stride);
}

TEST(ImportUtilsTest, SamePaddingPutsTheOddRowAtTheRightEnd) {
  // 5 rows, kernel 2: one row of padding in total.
  auto upper = computeWindowAxis(5, 2, 1, 1, AutoPad::SameUpper, 0, 0, false);
  ASSERT_TRUE(upper);
  EXPECT_EQ(upper->outSize, 5);
  EXPECT_EQ(upper->padBegin, 0);
  EXPECT_EQ(upper->padEnd, 1);
  auto lower = computeWindowAxis(5, 2, 1, 1, AutoPad::SameLower, 0, 0, false);
  ASSERT_TRUE(lower);
  EXPECT_EQ(lower->padBegin, 1);
  EXPECT_EQ(lower->padEnd, 0);
  // Stride 2 on 7 rows, kernel 3: ceil(7 / 2) = 4 outputs, 2 rows padding.
  auto strided = computeWindowAxis(7, 3, 2, 1, AutoPad::SameUpper, 0, 0, false);
  ASSERT_TRUE(strided);
  EXPECT_EQ(strided->outSize, 4);
  EXPECT_EQ(strided->padBegin, 1);
  EXPECT_EQ(strided->padEnd, 1);
  // Dilation 3, kernel 3: effective kernel 7, 6 rows of padding.
  auto dilated = computeWindowAxis(9, 3, 1, 3, AutoPad::SameUpper, 0, 0, false);
  ASSERT_TRUE(dilated);
  EXPECT_EQ(dilated->outSize, 9);
  EXPECT_EQ(dilated->padBegin, 3);
  EXPECT_EQ(dilated->padEnd, 3);
}

TEST(ImportUtilsTest, ValidAndExplicitPaddingFitTosaExactly) {
  auto valid = computeWindowAxis(10, 3, 2, 1, AutoPad::Valid, 5, 5, false);
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid->outSize, 4); // floor((10 - 3) / 2) + 1
  EXPECT_EQ(valid->padBegin, 0);
  // Rows 0..8 are read; row 9 is cropped.
  EXPECT_EQ(valid->inputCrop, 1);
  EXPECT_EQ(valid->padEnd, 0);
  expectExact(*valid, 10, 3, 2, 1);

  // Every combination satisfies the exactness rule and matches ONNX's
  // output size formula.
  for (int64_t in = 1; in <= 12; ++in)
    for (int64_t k = 1; k <= 4; ++k)
      for (int64_t s = 1; s <= 3; ++s)
        for (int64_t d = 1; d <= 2; ++d)
          for (int64_t pb = 0; pb <= 2; ++pb)
            for (int64_t pe = 0; pe <= 2; ++pe) {
              auto axis = computeWindowAxis(in, k, s, d, AutoPad::NotSet, pb,
                                            pe, false);
              int64_t span = in + pb + pe - ((k - 1) * d + 1);
              if (span < 0) {
                EXPECT_FALSE(axis);
                continue;
              }
              ASSERT_TRUE(axis);
              EXPECT_EQ(axis->outSize, span / s + 1);
              EXPECT_EQ(axis->padBegin, pb);
              EXPECT_LE(axis->padEnd, pe);
              EXPECT_GE(axis->inputCrop, 0);
              expectExact(*axis, in, k, s, d);
            }
}

TEST(ImportUtilsTest, CeilModeAddsEndPaddingAndRejectsBadSizes) {
  // 6 rows, kernel 3, stride 2: floor gives 2 windows, ceil gives 3.
  auto floorAxis = computeWindowAxis(6, 3, 2, 1, AutoPad::NotSet, 0, 0, false);
  auto ceilAxis = computeWindowAxis(6, 3, 2, 1, AutoPad::NotSet, 0, 0, true);
  ASSERT_TRUE(floorAxis && ceilAxis);
  EXPECT_EQ(floorAxis->outSize, 2);
  EXPECT_EQ(ceilAxis->outSize, 3);
  EXPECT_EQ(ceilAxis->padEnd, 1);
  // The last window may not start in the end padding: 4 rows, kernel 2,
  // stride 2, end pad 1: ceil would add a window starting at row 4.
  auto dropped = computeWindowAxis(4, 2, 2, 1, AutoPad::NotSet, 0, 1, true);
  ASSERT_TRUE(dropped);
  EXPECT_EQ(dropped->outSize, 2);
  EXPECT_EQ(dropped->padEnd, 0);

  EXPECT_FALSE(computeWindowAxis(2, 3, 1, 1, AutoPad::NotSet, 0, 0, false));
  EXPECT_FALSE(computeWindowAxis(5, 0, 1, 1, AutoPad::NotSet, 0, 0, false));
  EXPECT_FALSE(computeWindowAxis(5, 3, 0, 1, AutoPad::NotSet, 0, 0, false));
  EXPECT_FALSE(computeWindowAxis(5, 3, 1, 1, AutoPad::NotSet, -1, 0, false));
  EXPECT_FALSE(computeWindowAxis(int64_t(1) << 40, 3, 1, 1, AutoPad::Valid, 0,
                                 0, false));
  EXPECT_EQ(parseAutoPad("SAME_LOWER"), AutoPad::SameLower);
  EXPECT_EQ(parseAutoPad(""), AutoPad::NotSet);
  EXPECT_FALSE(parseAutoPad("SAME"));
}

TEST(ImportUtilsTest, WeightLayoutsMoveEveryElement) {
  // OIHW [2, 3, 2, 2] -> OHWI: element (o, i, h, w) lands at (o, h, w, i).
  const int64_t shape[] = {2, 3, 2, 2};
  std::vector<float> oihw(24);
  std::iota(oihw.begin(), oihw.end(), 0.0f);
  std::vector<float> ohwi = convWeightsToOhwi(oihw, shape);
  for (int64_t o = 0; o < 2; ++o)
    for (int64_t i = 0; i < 3; ++i)
      for (int64_t h = 0; h < 2; ++h)
        for (int64_t w = 0; w < 2; ++w)
          EXPECT_EQ(ohwi[((o * 2 + h) * 2 + w) * 3 + i],
                    oihw[((o * 3 + i) * 2 + h) * 2 + w]);

  // Depthwise [C * M, 1, KH, KW] with C = 3, M = 2 -> [KH, KW, C, M].
  const int64_t dwShape[] = {6, 1, 2, 2};
  std::vector<float> dw(24);
  std::iota(dw.begin(), dw.end(), 0.0f);
  std::vector<float> hwcm = depthwiseWeightsToHwcm(dw, dwShape, 3);
  for (int64_t c = 0; c < 3; ++c)
    for (int64_t m = 0; m < 2; ++m)
      for (int64_t h = 0; h < 2; ++h)
        for (int64_t w = 0; w < 2; ++w)
          EXPECT_EQ(hwcm[((h * 2 + w) * 3 + c) * 2 + m],
                    dw[((c * 2 + m) * 2 + h) * 2 + w]);
}

TEST(ImportUtilsTest, PermutationHelpers) {
  const int64_t nchw[] = {0, 3, 1, 2};
  EXPECT_TRUE(isPermutation(nchw, 4));
  const int64_t repeated[] = {0, 1, 1, 2};
  EXPECT_FALSE(isPermutation(repeated, 4));
  const int64_t short3[] = {0, 1, 2};
  EXPECT_FALSE(isPermutation(short3, 4));
  // NCHW -> NHWC keeps the element order when C == 1 or H == W == 1.
  const int64_t oneChannel[] = {1, 1, 49, 10};
  const int64_t pooled[] = {1, 64, 1, 1};
  const int64_t image[] = {1, 3, 4, 4};
  EXPECT_TRUE(isOrderPreservingPermutation(oneChannel, kNchwToNhwc));
  EXPECT_TRUE(isOrderPreservingPermutation(pooled, kNchwToNhwc));
  EXPECT_FALSE(isOrderPreservingPermutation(image, kNchwToNhwc));
  EXPECT_EQ(permuteShape(image, kNchwToNhwc),
            (llvm::SmallVector<int64_t>{1, 4, 4, 3}));
  // transposeData of a 2-D matrix is the matrix transpose.
  const int64_t matrix[] = {2, 3};
  const int64_t swap[] = {1, 0};
  std::vector<int64_t> data = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(transposeData<int64_t>(data, matrix, swap),
            (std::vector<int64_t>{1, 4, 2, 5, 3, 6}));
}

TEST(ImportUtilsTest, ParseInputShapes) {
  auto shapes = parseInputShapes("1x1x49x10, 2x3");
  ASSERT_TRUE(static_cast<bool>(shapes));
  ASSERT_EQ(shapes->size(), 2u);
  EXPECT_EQ((*shapes)[0], (llvm::SmallVector<int64_t, 4>{1, 1, 49, 10}));
  EXPECT_EQ((*shapes)[1], (llvm::SmallVector<int64_t, 4>{2, 3}));
  auto empty = parseInputShapes("");
  ASSERT_TRUE(static_cast<bool>(empty));
  EXPECT_TRUE(empty->empty());
  for (const char *bad : {"1x0x3", "1xx3", "axb", "1x-2", "1x2,"}) {
    auto parsed = parseInputShapes(bad);
    EXPECT_FALSE(static_cast<bool>(parsed)) << bad;
    llvm::consumeError(parsed.takeError());
  }
}

} // namespace
