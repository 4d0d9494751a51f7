//===- Thresholds.cpp - threshold selection and quantization params -*- C++ -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Calibration/Thresholds.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

using namespace llvm;
using namespace hwq;

//===----------------------------------------------------------------------===//
// IntegerGrid
//===----------------------------------------------------------------------===//

int64_t IntegerGrid::getQMin() const {
  if (!isSigned)
    return 0;
  return -(int64_t(1) << (bits - 1)) + (narrowRange ? 1 : 0);
}

int64_t IntegerGrid::getQMax() const {
  return isSigned ? (int64_t(1) << (bits - 1)) - 1 : (int64_t(1) << bits) - 1;
}

Error IntegerGrid::verify() const {
  if (bits < 2 || bits > 32)
    return createStringError("bits must be in [2, 32], got " + Twine(bits));
  if (narrowRange && !isSigned)
    return createStringError("narrow range requires a signed grid");
  return Error::success();
}

StringRef hwq::stringifyThresholdMethod(ThresholdMethod method) {
  switch (method) {
  case ThresholdMethod::Max:
    return "max";
  case ThresholdMethod::Percentile:
    return "percentile";
  case ThresholdMethod::KL:
    return "kl";
  case ThresholdMethod::MSE:
    return "mse";
  }
  return "max";
}

std::optional<ThresholdMethod> hwq::parseThresholdMethod(StringRef name) {
  return StringSwitch<std::optional<ThresholdMethod>>(name)
      .Case("max", ThresholdMethod::Max)
      .Case("percentile", ThresholdMethod::Percentile)
      .Case("kl", ThresholdMethod::KL)
      .Case("mse", ThresholdMethod::MSE)
      .Default(std::nullopt);
}

//===----------------------------------------------------------------------===//
// Percentile
//===----------------------------------------------------------------------===//

double hwq::computePercentileThreshold(const TensorStatistics &stats,
                                       double percentile) {
  const Histogram &hist = stats.getHistogram();
  std::vector<uint64_t> abs = hist.getAbsoluteCounts();
  uint64_t total = 0;
  for (uint64_t c : abs)
    total += c;
  if (total == 0)
    return 0.0;
  double target = std::clamp(percentile, 0.0, 100.0) / 100.0 * total;
  double width = hist.getBinWidth();
  double cumulative = 0;
  for (size_t j = 0; j < abs.size(); ++j) {
    if (!abs[j])
      continue;
    if (cumulative + abs[j] >= target) {
      double t = (j + (target - cumulative) / abs[j]) * width;
      return std::min(t, stats.getAbsMax());
    }
    cumulative += abs[j];
  }
  return stats.getAbsMax();
}

/// The value below which a fraction `q` of the signed distribution lies,
/// interpolated inside histogram bins and clamped to [min, max].
static double quantile(const TensorStatistics &stats, double q) {
  const Histogram &hist = stats.getHistogram();
  ArrayRef<uint64_t> counts = hist.getCounts();
  uint64_t total = hist.getTotalCount();
  if (total == 0)
    return 0.0;
  double target = std::clamp(q, 0.0, 1.0) * total;
  double cumulative = 0;
  double result = stats.getMax();
  for (size_t i = 0; i < counts.size(); ++i) {
    if (!counts[i])
      continue;
    if (cumulative + counts[i] >= target) {
      result = hist.getBinLower(i) +
               (target - cumulative) / counts[i] * hist.getBinWidth();
      break;
    }
    cumulative += counts[i];
  }
  return std::clamp(result, stats.getMin(), stats.getMax());
}

//===----------------------------------------------------------------------===//
// KL divergence
//===----------------------------------------------------------------------===//

unsigned hwq::getKLQuantizedBins(const IntegerGrid &grid) {
  uint64_t bins = grid.isSigned ? uint64_t(1) << (grid.bits - 1)
                                : (uint64_t(1) << grid.bits) - 1;
  return static_cast<unsigned>(
      std::min<uint64_t>(bins, std::numeric_limits<unsigned>::max()));
}

/// KL(P || Q) for the candidate threshold at `numBins` bins of `hist`.
static double klDivergence(ArrayRef<uint64_t> hist, size_t numBins,
                           uint64_t outliers, unsigned quantizedBins) {
  // P: the clipped distribution with the outliers folded into the last bin.
  std::vector<double> p(hist.begin(), hist.begin() + numBins);
  p.back() += static_cast<double>(outliers);
  // Q: merge the unclipped bins into `quantizedBins` groups, then spread each
  // group's mass evenly over the group's bins where P is non-zero.
  std::vector<double> q(numBins, 0.0);
  for (unsigned g = 0; g < quantizedBins; ++g) {
    size_t start = g * numBins / quantizedBins;
    size_t stop = (g + 1) * numBins / quantizedBins;
    double mass = 0;
    size_t nonZero = 0;
    for (size_t i = start; i < stop; ++i) {
      mass += static_cast<double>(hist[i]);
      nonZero += p[i] != 0;
    }
    if (nonZero == 0)
      continue;
    for (size_t i = start; i < stop; ++i)
      if (p[i] != 0)
        q[i] = mass / nonZero;
  }
  double pSum = 0, qSum = 0;
  for (size_t i = 0; i < numBins; ++i) {
    pSum += p[i];
    qSum += q[i];
  }
  if (pSum == 0)
    return 0.0;
  // Bins where P has mass and Q has none (only the outlier bin can be one)
  // get a small probability instead of making the divergence infinite.
  constexpr double kEpsilon = 1e-12;
  double divergence = 0;
  for (size_t i = 0; i < numBins; ++i) {
    if (p[i] == 0)
      continue;
    double pi = p[i] / pSum;
    double qi = qSum > 0 ? q[i] / qSum : 0.0;
    divergence += pi * std::log(pi / std::max(qi, kEpsilon));
  }
  return divergence;
}

double hwq::computeKLThreshold(const TensorStatistics &stats,
                               unsigned quantizedBins) {
  if (stats.getCount() == 0)
    return 0.0;
  const Histogram &hist = stats.getHistogram();
  std::vector<uint64_t> abs = hist.getAbsoluteCounts();
  double width = hist.getBinWidth();
  // Folding onto |x| can double the bin count; keep the search quadratic in
  // the histogram's own bin budget.
  while (abs.size() > hist.getMaxBins()) {
    std::vector<uint64_t> merged((abs.size() + 1) / 2, 0);
    for (size_t j = 0; j < abs.size(); ++j)
      merged[j / 2] += abs[j];
    abs = std::move(merged);
    width *= 2;
  }
  quantizedBins = std::max(quantizedBins, 1u);
  size_t n = abs.size();
  if (n <= quantizedBins)
    return stats.getAbsMax();
  std::vector<uint64_t> suffix(n + 1, 0);
  for (size_t j = n; j-- > 0;)
    suffix[j] = suffix[j + 1] + abs[j];
  double best = std::numeric_limits<double>::infinity();
  size_t bestBins = n;
  for (size_t i = quantizedBins; i <= n; ++i) {
    double d = klDivergence(abs, i, suffix[i], quantizedBins);
    if (d < best) {
      best = d;
      bestBins = i;
    }
  }
  return std::min(bestBins * width, stats.getAbsMax());
}

//===----------------------------------------------------------------------===//
// MSE
//===----------------------------------------------------------------------===//

/// Expected squared error over the histogram when values are clipped to
/// [lo, hi] and rounded with step `step`; values are uniform inside each bin
/// (bins are trimmed to the observed [min, max]).
static double expectedSquaredError(const TensorStatistics &stats, double lo,
                                   double hi, double step) {
  const Histogram &hist = stats.getHistogram();
  ArrayRef<uint64_t> counts = hist.getCounts();
  double rounding = step * step / 12.0;
  double error = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (!counts[i])
      continue;
    double c = static_cast<double>(counts[i]);
    double a = std::max(hist.getBinLower(i), stats.getMin());
    double b = std::min(hist.getBinLower(i + 1), stats.getMax());
    if (b <= a) {
      // All of the bin's mass sits at one point.
      double x = a;
      if (x > hi)
        error += c * (x - hi) * (x - hi);
      else if (x < lo)
        error += c * (lo - x) * (lo - x);
      else
        error += c * rounding;
      continue;
    }
    double density = c / (b - a);
    double inside = std::max(0.0, std::min(b, hi) - std::max(a, lo));
    error += density * inside * rounding;
    if (b > hi) {
      double u0 = std::max(a, hi) - hi, u1 = b - hi;
      error += density * (u1 * u1 * u1 - u0 * u0 * u0) / 3.0;
    }
    if (a < lo) {
      double v0 = lo - std::min(b, lo), v1 = lo - a;
      error += density * (v1 * v1 * v1 - v0 * v0 * v0) / 3.0;
    }
  }
  return error;
}

Range hwq::computeMSERange(const TensorStatistics &stats,
                           const IntegerGrid &grid, bool symmetric,
                           unsigned candidates) {
  if (stats.getCount() == 0)
    return {};
  candidates = std::max(candidates, 1u);
  double lo0 = std::min(stats.getMin(), 0.0);
  double hi0 = std::max(stats.getMax(), 0.0);
  double levels = static_cast<double>(grid.getQMax() - grid.getQMin());
  double positiveLevels = static_cast<double>(grid.getQMax());
  Range best;
  double bestError = std::numeric_limits<double>::infinity();
  // From the full range down, so ties keep the wider range.
  for (unsigned c = candidates; c >= 1; --c) {
    double f = static_cast<double>(c) / candidates;
    Range r;
    double step;
    if (symmetric && grid.isSigned) {
      double t = f * stats.getAbsMax();
      r = {-t, t};
      step = t / positiveLevels;
    } else if (symmetric) {
      r = {0.0, f * hi0};
      step = r.hi / positiveLevels;
    } else {
      r = {f * lo0, f * hi0};
      step = (r.hi - r.lo) / levels;
    }
    double error = expectedSquaredError(stats, r.lo, r.hi, step);
    if (error < bestError) {
      bestError = error;
      best = r;
    }
  }
  return best;
}

//===----------------------------------------------------------------------===//
// Range selection
//===----------------------------------------------------------------------===//

Expected<Range> hwq::selectRange(const TensorStatistics &stats,
                                 const IntegerGrid &grid,
                                 const ThresholdOptions &options) {
  if (Error error = grid.verify())
    return std::move(error);
  if (options.method == ThresholdMethod::Percentile &&
      !(options.percentile > 0.0 && options.percentile <= 100.0))
    return createStringError("percentile must be in (0, 100], got " +
                             formatv("{0}", options.percentile).str());
  if (stats.getCount() == 0)
    return Range{};
  double lo0 = std::min(stats.getMin(), 0.0);
  double hi0 = std::max(stats.getMax(), 0.0);
  // A symmetric threshold T becomes [-T, T] on signed grids and [0, T] on
  // unsigned grids (zero point 0: negative values clip to 0).
  auto symmetricRange = [&](double t) -> Range {
    if (grid.isSigned)
      return {-t, t};
    return {0.0, std::min(t, hi0)};
  };
  switch (options.method) {
  case ThresholdMethod::Max:
    if (options.symmetric)
      return symmetricRange(grid.isSigned ? stats.getAbsMax() : hi0);
    return Range{lo0, hi0};
  case ThresholdMethod::Percentile:
    if (options.symmetric) {
      if (grid.isSigned)
        return symmetricRange(
            computePercentileThreshold(stats, options.percentile));
      return symmetricRange(
          std::max(quantile(stats, options.percentile / 100.0), 0.0));
    }
    return Range{
        std::min(quantile(stats, 1.0 - options.percentile / 100.0), 0.0),
        std::max(quantile(stats, options.percentile / 100.0), 0.0)};
  case ThresholdMethod::KL: {
    double t = computeKLThreshold(stats, getKLQuantizedBins(grid));
    if (options.symmetric)
      return symmetricRange(t);
    return Range{std::max(lo0, -t), std::min(hi0, t)};
  }
  case ThresholdMethod::MSE:
    return computeMSERange(stats, grid, options.symmetric,
                           options.mseCandidates);
  }
  return createStringError("unknown threshold method");
}

//===----------------------------------------------------------------------===//
// Scale and zero point
//===----------------------------------------------------------------------===//

Expected<EdgeQuantParams> hwq::computeQuantParams(Range range,
                                              const QuantSpec &spec) {
  if (Error error = spec.grid.verify())
    return std::move(error);
  if (!std::isfinite(range.lo) || !std::isfinite(range.hi))
    return createStringError("range must be finite");
  if (range.lo > range.hi)
    return createStringError(
        formatv("range is inverted: [{0}, {1}]", range.lo, range.hi).str());
  EdgeQuantParams params;
  params.qmin = spec.grid.getQMin();
  params.qmax = spec.grid.getQMax();
  double lo = std::min(range.lo, 0.0);
  double hi = std::max(range.hi, 0.0);
  double scale;
  if (spec.symmetric) {
    double t = spec.grid.isSigned ? std::max(-lo, hi) : hi;
    scale = t / static_cast<double>(params.qmax);
  } else {
    scale = (hi - lo) / static_cast<double>(params.qmax - params.qmin);
  }
  if (scale == 0.0) {
    // Nothing but zeros: any scale represents them; 1 keeps things simple.
    params.scale = 1.0;
    params.zeroPoint = spec.symmetric ? 0 : std::clamp<int64_t>(0, params.qmin,
                                                               params.qmax);
    return params;
  }
  // The IR stores f32 scales: compute the zero point from the stored value.
  scale = static_cast<double>(static_cast<float>(scale));
  if (spec.powerOfTwo) {
    int exponent = 0;
    double mantissa = std::frexp(scale, &exponent);
    if (mantissa != 0.5)
      scale = std::ldexp(1.0, exponent);
  }
  if (!(scale >= static_cast<double>(FLT_MIN)) ||
      !(scale <= static_cast<double>(FLT_MAX)))
    return createStringError(
        formatv("scale {0} is not a normal f32 value", scale).str());
  params.scale = scale;
  if (spec.symmetric) {
    params.zeroPoint = 0;
  } else {
    double zp = std::nearbyint(static_cast<double>(params.qmin) - lo / scale);
    params.zeroPoint = static_cast<int64_t>(
        std::clamp(zp, static_cast<double>(params.qmin),
                   static_cast<double>(params.qmax)));
  }
  return params;
}
