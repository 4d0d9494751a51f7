//===- CalibrationTest.cpp - statistics, thresholds, quant params -*- C++ -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Calibration/Statistics.h"
#include "hwq/Calibration/Thresholds.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>
#include <map>
#include <random>

using namespace hwq;

namespace {

/// Standard normal samples from a fixed seed (Box-Muller on mt19937, so the
/// values do not depend on the standard library's distributions).
std::vector<float> gaussian(size_t n, uint32_t seed, double sigma = 1.0) {
  std::mt19937 rng(seed);
  auto uniform = [&] { return (rng() + 0.5) / 4294967296.0; };
  std::vector<float> out;
  out.reserve(n);
  while (out.size() < n) {
    double r = std::sqrt(-2.0 * std::log(uniform()));
    double phi = 2.0 * M_PI * uniform();
    out.push_back(static_cast<float>(sigma * r * std::cos(phi)));
    if (out.size() < n)
      out.push_back(static_cast<float>(sigma * r * std::sin(phi)));
  }
  return out;
}

std::vector<float> uniformData(size_t n, uint32_t seed, float lo, float hi) {
  std::mt19937 rng(seed);
  std::vector<float> out(n);
  for (float &v : out)
    v = lo + (hi - lo) * static_cast<float>((rng() + 0.5) / 4294967296.0);
  return out;
}

/// The counts each value should land in at the histogram's final width.
std::map<int64_t, uint64_t> expectedBins(const Histogram &h,
                                         llvm::ArrayRef<float> values) {
  std::map<int64_t, uint64_t> bins;
  for (float v : values)
    ++bins[static_cast<int64_t>(
        std::floor(std::ldexp(double(v), -h.getWidthExponent())))];
  return bins;
}

std::map<int64_t, uint64_t> actualBins(const Histogram &h) {
  std::map<int64_t, uint64_t> bins;
  for (auto [i, c] : llvm::enumerate(h.getCounts()))
    if (c)
      bins[h.getFirstBin() + static_cast<int64_t>(i)] = c;
  return bins;
}

//===----------------------------------------------------------------------===//
// Histogram and statistics
//===----------------------------------------------------------------------===//

TEST(HistogramTest, ValuesLandInTheirBins) {
  Histogram h(64);
  std::vector<float> values = {-1.0f, -0.5f, 0.0f, 0.25f, 0.3f, 0.99f, 1.0f};
  h.add(values);
  EXPECT_LE(h.getCounts().size(), 64u);
  EXPECT_EQ(h.getTotalCount(), values.size());
  EXPECT_EQ(actualBins(h), expectedBins(h, values));
  // Each bin edge is a multiple of the power-of-two width.
  double w = h.getBinWidth();
  int exponent = 0;
  EXPECT_EQ(std::frexp(w, &exponent), 0.5);
  EXPECT_LE(h.getBinLower(0), -1.0);
  EXPECT_GT(h.getUpperEdge(), 1.0);
  EXPECT_LT(h.getUpperEdge() - h.getBinLower(0), 64 * w + 1e-12);
}

TEST(HistogramTest, RangeGrowthRebinsWithoutLosingCounts) {
  Histogram h(128);
  std::vector<float> all;
  // Narrow data first, then a much wider batch forces several doublings, then
  // a batch far to the negative side.
  for (auto batch : {uniformData(1000, 1, 0.0f, 0.01f),
                     uniformData(1000, 2, -3.0f, 40.0f),
                     uniformData(500, 3, -700.0f, -650.0f)}) {
    h.add(batch);
    all.insert(all.end(), batch.begin(), batch.end());
    EXPECT_LE(h.getCounts().size(), 128u);
  }
  EXPECT_EQ(h.getTotalCount(), all.size());
  // Merging pairs of power-of-two bins is exact: the counts are those of
  // binning all data directly at the final width.
  EXPECT_EQ(actualBins(h), expectedBins(h, all));
  EXPECT_LE(h.getBinLower(0), -700.0);
  EXPECT_GE(h.getUpperEdge(), 40.0);
}

TEST(HistogramTest, MergeMatchesSequentialBinning) {
  std::vector<float> a = gaussian(2000, 7, 0.1);
  std::vector<float> b = gaussian(2000, 8, 5.0);
  Histogram ha(256), hb(256);
  ha.add(a);
  hb.add(b);
  ha.merge(hb);
  std::vector<float> all = a;
  all.insert(all.end(), b.begin(), b.end());
  EXPECT_EQ(ha.getTotalCount(), all.size());
  EXPECT_LE(ha.getCounts().size(), 256u);
  EXPECT_EQ(actualBins(ha), expectedBins(ha, all));
}

TEST(HistogramTest, AbsoluteCountsFoldNegativeBins) {
  Histogram h(16);
  // Width becomes 0.25 for [-1.5, 1.75] within 16 bins.
  h.add(std::vector<float>{-1.5f, -0.1f, 0.1f, 1.7f, -1.7f});
  double w = h.getBinWidth();
  std::vector<uint64_t> abs = h.getAbsoluteCounts();
  uint64_t total = 0;
  for (uint64_t c : abs)
    total += c;
  EXPECT_EQ(total, 5u);
  // |-0.1| and |0.1| share the first |x| bin, |-1.7| and |1.7| another.
  EXPECT_EQ(abs[0], 2u);
  EXPECT_EQ(abs[static_cast<size_t>(std::floor(1.7 / w))], 2u);
}

TEST(TensorStatisticsTest, MinMaxCountAndNonFinite) {
  TensorStatistics stats;
  stats.observe({1.0f, -2.5f, NAN, 3.0f});
  stats.observe({INFINITY, 0.5f});
  EXPECT_EQ(stats.getCount(), 4u);
  EXPECT_EQ(stats.getNonFiniteCount(), 2u);
  EXPECT_EQ(stats.getMin(), -2.5);
  EXPECT_EQ(stats.getMax(), 3.0);
  EXPECT_EQ(stats.getAbsMax(), 3.0);
  EXPECT_EQ(stats.getHistogram().getTotalCount(), 4u);
}

TEST(ChannelStatisticsTest, PerChannelRangesAndShapeErrors) {
  ChannelStatistics channels(/*axis=*/1);
  // Shape [2, 3]: channel c holds elements c and 3 + c.
  std::vector<float> values = {1, -2, 3, 4, 5, -6};
  ASSERT_FALSE(llvm::errorToBool(channels.observe(values, {2, 3})));
  ASSERT_EQ(channels.getChannels().size(), 3u);
  EXPECT_EQ(channels.getChannels()[0].getMin(), 1.0);
  EXPECT_EQ(channels.getChannels()[0].getMax(), 4.0);
  EXPECT_EQ(channels.getChannels()[1].getMin(), -2.0);
  EXPECT_EQ(channels.getChannels()[1].getMax(), 5.0);
  EXPECT_EQ(channels.getChannels()[2].getMin(), -6.0);
  EXPECT_EQ(channels.getChannels()[2].getMax(), 3.0);
  // Another channel count, a wrong element count, an axis out of range.
  EXPECT_TRUE(llvm::errorToBool(channels.observe(values, {3, 2})));
  EXPECT_TRUE(llvm::errorToBool(channels.observe(values, {2, 2})));
  ChannelStatistics bad(/*axis=*/2);
  EXPECT_TRUE(llvm::errorToBool(bad.observe(values, {2, 3})));
}

//===----------------------------------------------------------------------===//
// Thresholds
//===----------------------------------------------------------------------===//

TEST(PercentileTest, ExactOnKnownData) {
  TensorStatistics stats;
  std::vector<float> values;
  for (int i = 1; i <= 1000; ++i)
    values.push_back(i % 2 ? float(i) : -float(i));
  stats.observe(values);
  double w = stats.getHistogram().getBinWidth();
  // 90% of |x| lies at or below 900; interpolation stays inside one bin.
  EXPECT_NEAR(computePercentileThreshold(stats, 90.0), 900.0, w);
  EXPECT_NEAR(computePercentileThreshold(stats, 50.0), 500.0, w);
  EXPECT_EQ(computePercentileThreshold(stats, 100.0), 1000.0);
  // Asymmetric tails on data 0..999.
  TensorStatistics positive;
  std::vector<float> ramp;
  for (int i = 0; i < 1000; ++i)
    ramp.push_back(float(i) - 100.0f);
  positive.observe(ramp);
  ThresholdOptions options;
  options.method = ThresholdMethod::Percentile;
  options.percentile = 99.0;
  options.symmetric = false;
  IntegerGrid grid{8, false, false};
  auto range = selectRange(positive, grid, options);
  ASSERT_TRUE(static_cast<bool>(range));
  double pw = positive.getHistogram().getBinWidth();
  EXPECT_NEAR(range->lo, -100.0 + 10.0, pw);
  EXPECT_NEAR(range->hi, 899.0 - 10.0, pw);
}

TEST(KLTest, GaussianWithOutliersClipsBelowMax) {
  std::vector<float> data = gaussian(100000, 42);
  for (float outlier : {40.0f, -45.0f, 50.0f})
    data.push_back(outlier);
  TensorStatistics stats;
  stats.observe(data);
  double t = computeKLThreshold(stats, getKLQuantizedBins({8, true, false}));
  EXPECT_EQ(stats.getAbsMax(), 50.0);
  EXPECT_LT(t, 0.5 * stats.getAbsMax());
  // The bulk of a standard normal stays inside the range.
  EXPECT_GT(t, 3.0);
}

TEST(KLTest, QuantizedBinsScaleWithBitWidth) {
  EXPECT_EQ(getKLQuantizedBins({8, true, false}), 128u);
  EXPECT_EQ(getKLQuantizedBins({8, false, false}), 255u);
  EXPECT_EQ(getKLQuantizedBins({4, true, false}), 8u);
  EXPECT_EQ(getKLQuantizedBins({2, true, false}), 2u);
  EXPECT_EQ(getKLQuantizedBins({16, true, false}), 32768u);
  std::vector<float> data = gaussian(50000, 5);
  data.push_back(12.0f);
  TensorStatistics stats;
  stats.observe(data);
  double t2 = computeKLThreshold(stats, getKLQuantizedBins({2, true, false}));
  double t4 = computeKLThreshold(stats, getKLQuantizedBins({4, true, false}));
  double t8 = computeKLThreshold(stats, getKLQuantizedBins({8, true, false}));
  double t16 = computeKLThreshold(stats, getKLQuantizedBins({16, true, false}));
  // Fewer levels clip harder; 16 bits has more levels than histogram bins and
  // keeps the full range.
  EXPECT_GT(t2, 0.0);
  EXPECT_LE(t2, t4);
  EXPECT_LT(t4, t8);
  EXPECT_EQ(t16, stats.getAbsMax());
}

TEST(MSETest, UniformDataKeepsNearlyTheFullRange) {
  TensorStatistics stats;
  stats.observe(uniformData(200000, 11, -1.0f, 1.0f));
  IntegerGrid grid{8, true, false};
  Range r = computeMSERange(stats, grid, /*symmetric=*/true);
  // Analytic optimum for uniform |x| on [0, 1] with 127 levels:
  // 1 - T = T / 254, T ~= 0.996.
  EXPECT_NEAR(r.hi, stats.getAbsMax(), 0.02 * stats.getAbsMax());
  EXPECT_EQ(r.lo, -r.hi);
}

TEST(MSETest, OutliersAndFewBitsClip) {
  std::vector<float> data = gaussian(100000, 3);
  data.push_back(30.0f);
  TensorStatistics stats;
  stats.observe(data);
  Range r8 = computeMSERange(stats, {8, true, false}, true);
  Range r4 = computeMSERange(stats, {4, true, false}, true);
  // With N values well inside and one outlier at 30, the error is
  // N * (T / 127)^2 / 12 + (30 - T)^2, minimal at T = 30 / (1 + N / (12 * 127^2)).
  double n = 100000;
  EXPECT_NEAR(r8.hi, 30.0 / (1.0 + n / (12.0 * 127 * 127)), 0.2);
  EXPECT_LT(r8.hi, stats.getAbsMax());
  EXPECT_LT(r4.hi, r8.hi);
  EXPECT_GT(r4.hi, 1.0);
  // Asymmetric MSE on non-negative data keeps lo at 0.
  TensorStatistics relu;
  std::vector<float> positive;
  for (float v : gaussian(20000, 9))
    positive.push_back(std::fabs(v));
  relu.observe(positive);
  Range ra = computeMSERange(relu, {8, false, false}, false);
  EXPECT_EQ(ra.lo, 0.0);
  EXPECT_GT(ra.hi, 2.0);
  EXPECT_LE(ra.hi, relu.getMax());
}

TEST(SelectRangeTest, MethodsStayInsideTheObservedRange) {
  std::vector<float> data = gaussian(20000, 21);
  data.push_back(-9.0f);
  TensorStatistics stats;
  stats.observe(data);
  for (ThresholdMethod method :
       {ThresholdMethod::Max, ThresholdMethod::Percentile,
        ThresholdMethod::KL, ThresholdMethod::MSE}) {
    for (bool symmetric : {true, false}) {
      ThresholdOptions options;
      options.method = method;
      options.symmetric = symmetric;
      auto r = selectRange(stats, {8, true, false}, options);
      ASSERT_TRUE(static_cast<bool>(r)) << stringifyThresholdMethod(method).str();
      EXPECT_LE(r->lo, 0.0);
      EXPECT_GE(r->hi, 0.0);
      EXPECT_GE(r->lo, -stats.getAbsMax());
      EXPECT_LE(r->hi, stats.getAbsMax());
      if (symmetric) {
        EXPECT_EQ(r->lo, -r->hi);
      }
      if (method == ThresholdMethod::Max && !symmetric) {
        EXPECT_EQ(r->lo, stats.getMin());
        EXPECT_EQ(r->hi, stats.getMax());
      }
    }
  }
  EXPECT_EQ(parseThresholdMethod("kl"), ThresholdMethod::KL);
  EXPECT_FALSE(parseThresholdMethod("entropy").has_value());
  ThresholdOptions badPercentile;
  badPercentile.method = ThresholdMethod::Percentile;
  badPercentile.percentile = 0.0;
  EXPECT_FALSE(static_cast<bool>(selectRange(stats, {8, true, false},
                                             badPercentile)));
  llvm::consumeError(
      selectRange(stats, {8, true, false}, badPercentile).takeError());
}

//===----------------------------------------------------------------------===//
// Scale and zero point
//===----------------------------------------------------------------------===//

TEST(QuantParamsTest, SymmetricSignedAndNarrowRange) {
  QuantSpec spec;
  spec.grid = {8, true, true};
  auto p = computeQuantParams({-2.0, 1.5}, spec);
  ASSERT_TRUE(static_cast<bool>(p));
  EXPECT_EQ(p->scale, double(float(2.0 / 127.0)));
  EXPECT_EQ(p->zeroPoint, 0);
  EXPECT_EQ(p->qmin, -127);
  EXPECT_EQ(p->qmax, 127);
  spec.grid = {4, true, false};
  auto p4 = computeQuantParams({-2.0, 1.5}, spec);
  ASSERT_TRUE(static_cast<bool>(p4));
  EXPECT_EQ(p4->qmin, -8);
  EXPECT_EQ(p4->qmax, 7);
  EXPECT_EQ(p4->scale, double(float(2.0 / 7.0)));
  // Unsigned symmetric: zero point 0, the positive side over 2^b - 1 levels.
  spec.grid = {8, false, false};
  auto pu = computeQuantParams({0.0, 2.55}, spec);
  ASSERT_TRUE(static_cast<bool>(pu));
  EXPECT_EQ(pu->zeroPoint, 0);
  EXPECT_EQ(pu->scale, double(float(2.55 / 255.0)));
}

TEST(QuantParamsTest, PowerOfTwoScalesRoundUp) {
  QuantSpec spec;
  spec.grid = {8, true, false};
  spec.powerOfTwo = true;
  // 2 / 127 = 0.01575 -> 2^-5 (2^-6 = 0.015625 would clip the range).
  auto p = computeQuantParams({-2.0, 2.0}, spec);
  ASSERT_TRUE(static_cast<bool>(p));
  EXPECT_EQ(p->scale, 0.03125);
  // An exact power of two stays.
  auto exact = computeQuantParams({-127.0 * 0.25, 1.0}, spec);
  ASSERT_TRUE(static_cast<bool>(exact));
  EXPECT_EQ(exact->scale, 0.25);
  // Every scale of a sweep is a power of two covering the range.
  std::mt19937 rng(17);
  for (int i = 0; i < 200; ++i) {
    double t = std::ldexp(1.0 + (rng() % 1000) / 1000.0, int(rng() % 20) - 10);
    spec.grid.bits = 2 + rng() % 15;
    auto q = computeQuantParams({-t, t}, spec);
    ASSERT_TRUE(static_cast<bool>(q));
    int e;
    EXPECT_EQ(std::frexp(q->scale, &e), 0.5);
    EXPECT_GE(q->scale * q->qmax, t * (1 - 1e-7));
  }
}

TEST(QuantParamsTest, AsymmetricZeroPointInRange) {
  std::mt19937 rng(1234);
  std::uniform_real_distribution<double> dist(-50.0, 50.0);
  for (int i = 0; i < 500; ++i) {
    double a = dist(rng), b = dist(rng);
    QuantSpec spec;
    spec.symmetric = false;
    spec.grid = {static_cast<unsigned>(2 + rng() % 15), bool(rng() % 2),
                 false};
    spec.powerOfTwo = rng() % 4 == 0;
    auto p = computeQuantParams({std::min(a, b), std::max(a, b)}, spec);
    ASSERT_TRUE(static_cast<bool>(p));
    EXPECT_GE(p->zeroPoint, p->qmin);
    EXPECT_LE(p->zeroPoint, p->qmax);
    // Both ends of the (zero-including) range are within half a step of the
    // grid's ends or inside it.
    double lo = std::min(std::min(a, b), 0.0), hi = std::max(std::max(a, b), 0.0);
    EXPECT_GE(lo / p->scale + p->zeroPoint, p->qmin - 0.5 - 1e-6);
    EXPECT_LE(hi / p->scale + p->zeroPoint, p->qmax + 0.5 + 1e-6);
  }
  // A positive-only range is widened to include 0: zero point at qmin.
  QuantSpec spec;
  spec.symmetric = false;
  spec.grid = {8, false, false};
  auto p = computeQuantParams({2.0, 5.1}, spec);
  ASSERT_TRUE(static_cast<bool>(p));
  EXPECT_EQ(p->zeroPoint, 0);
  EXPECT_EQ(p->scale, double(float(5.1 / 255.0)));
  // [-1, 3] on si8: scale 4/255, zero point round(-128 + 63.75) = -64.
  spec.grid = {8, true, false};
  auto q = computeQuantParams({-1.0, 3.0}, spec);
  ASSERT_TRUE(static_cast<bool>(q));
  EXPECT_EQ(q->zeroPoint, -64);
}

TEST(QuantParamsTest, InvalidInputsAreErrorsNotCrashes) {
  QuantSpec spec;
  spec.grid = {1, true, false};
  auto bits = computeQuantParams({-1, 1}, spec);
  EXPECT_FALSE(static_cast<bool>(bits));
  llvm::consumeError(bits.takeError());
  spec.grid = {8, false, true};
  auto narrow = computeQuantParams({-1, 1}, spec);
  EXPECT_FALSE(static_cast<bool>(narrow));
  llvm::consumeError(narrow.takeError());
  spec.grid = {8, true, false};
  auto inverted = computeQuantParams({1, -1}, spec);
  EXPECT_FALSE(static_cast<bool>(inverted));
  llvm::consumeError(inverted.takeError());
  auto nan = computeQuantParams({NAN, 1}, spec);
  EXPECT_FALSE(static_cast<bool>(nan));
  llvm::consumeError(nan.takeError());
  auto tiny = computeQuantParams({-1e-40, 1e-40}, spec);
  EXPECT_FALSE(static_cast<bool>(tiny));
  llvm::consumeError(tiny.takeError());
  // All zeros is fine: scale 1.
  auto zero = computeQuantParams({0, 0}, spec);
  ASSERT_TRUE(static_cast<bool>(zero));
  EXPECT_EQ(zero->scale, 1.0);
  EXPECT_EQ(zero->zeroPoint, 0);
  // No data: an empty range.
  TensorStatistics empty;
  auto r = selectRange(empty, {8, true, false}, ThresholdOptions());
  ASSERT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r->lo, 0.0);
  EXPECT_EQ(r->hi, 0.0);
}

//===----------------------------------------------------------------------===//
// Statistics file
//===----------------------------------------------------------------------===//

void expectSameStatistics(const TensorStatistics &a,
                          const TensorStatistics &b) {
  EXPECT_EQ(a.getCount(), b.getCount());
  EXPECT_EQ(a.getNonFiniteCount(), b.getNonFiniteCount());
  EXPECT_EQ(a.getMin(), b.getMin());
  EXPECT_EQ(a.getMax(), b.getMax());
  const Histogram &ha = a.getHistogram(), &hb = b.getHistogram();
  EXPECT_EQ(ha.getMaxBins(), hb.getMaxBins());
  EXPECT_EQ(ha.getWidthExponent(), hb.getWidthExponent());
  EXPECT_EQ(ha.getFirstBin(), hb.getFirstBin());
  EXPECT_EQ(ha.getCounts(), hb.getCounts());
}

TEST(StatisticsFileTest, RoundTripIsExact) {
  StatisticsTable table;
  EdgeStatistics &conv = table.getOrCreate("conv1.output");
  conv.tensor.observe(gaussian(5000, 77, 0.37));
  conv.tensor.observe({NAN});
  EdgeStatistics &weights = table.getOrCreate("conv1.weight");
  weights.tensor.observe(uniformData(96, 5, -0.3f, 0.7f));
  weights.channels = ChannelStatistics(0);
  ASSERT_FALSE(llvm::errorToBool(
      weights.channels->observe(uniformData(96, 5, -0.3f, 0.7f), {4, 24})));
  table.getOrCreate("unused"); // No data: no min/max/bins in the file.

  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("hwq-stats", "json", path));
  ASSERT_FALSE(llvm::errorToBool(table.writeFile(path)));
  auto read = StatisticsTable::readFile(path);
  llvm::sys::fs::remove(path);
  ASSERT_TRUE(static_cast<bool>(read)) << llvm::toString(read.takeError());
  ASSERT_EQ(read->getEdges().size(), 3u);
  for (const auto &[name, edge] : table.getEdges()) {
    const EdgeStatistics *back = read->lookup(name);
    ASSERT_NE(back, nullptr) << name;
    expectSameStatistics(edge.tensor, back->tensor);
    ASSERT_EQ(edge.channels.has_value(), back->channels.has_value());
    if (edge.channels) {
      EXPECT_EQ(edge.channels->getAxis(), back->channels->getAxis());
      ASSERT_EQ(edge.channels->getChannels().size(),
                back->channels->getChannels().size());
      for (size_t c = 0; c < edge.channels->getChannels().size(); ++c)
        expectSameStatistics(edge.channels->getChannels()[c],
                             back->channels->getChannels()[c]);
    }
  }
  // Thresholds from the file equal thresholds from memory.
  EXPECT_EQ(computeKLThreshold(table.lookup("conv1.output")->tensor, 128),
            computeKLThreshold(read->lookup("conv1.output")->tensor, 128));
}

TEST(StatisticsFileTest, MalformedFilesReportWhere) {
  auto parse = [](llvm::StringRef text) -> std::string {
    auto value = llvm::json::parse(text);
    if (!value)
      return llvm::toString(value.takeError());
    auto table = StatisticsTable::fromJSON(*value);
    if (table)
      return "";
    return llvm::toString(table.takeError());
  };
  EXPECT_NE(parse(R"({"format": "other", "version": 1, "edges": {}})")
                .find("format"),
            std::string::npos);
  EXPECT_NE(parse(R"({"format": "hwq-statistics", "version": 2, "edges": {}})")
                .find("version"),
            std::string::npos);
  std::string negative = parse(
      R"({"format": "hwq-statistics", "version": 1, "edges": {"x": {"tensor":
         {"count": 2, "non_finite": 0, "min": 0, "max": 1, "histogram":
         {"max_bins": 4, "width_exponent": -1, "first_bin": 0,
          "counts": [1, -1]}}}}})");
  EXPECT_NE(negative.find("counts"), std::string::npos) << negative;
  std::string tooMany = parse(
      R"({"format": "hwq-statistics", "version": 1, "edges": {"x": {"tensor":
         {"count": 2, "non_finite": 0, "min": 0, "max": 1, "histogram":
         {"max_bins": 2, "width_exponent": -1, "first_bin": 0,
          "counts": [1, 1, 0]}}}}})");
  EXPECT_NE(tooMany.find("max_bins"), std::string::npos) << tooMany;
  EXPECT_EQ(parse(R"({"format": "hwq-statistics", "version": 1,
                      "edges": {}})"),
            "");
  auto missing = StatisticsTable::readFile("/nonexistent/hwq/stats.json");
  ASSERT_FALSE(static_cast<bool>(missing));
  EXPECT_NE(llvm::toString(missing.takeError()).find("/nonexistent"),
            std::string::npos);
}

} // namespace
