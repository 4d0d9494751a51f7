//===- Statistics.h - running tensor statistics for calibration -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Statistics that calibration collects per tensor edge (and per channel)
// while the float model runs: count, min, max and a histogram whose range
// grows with the data. The histogram's bins have a power-of-two width and are
// anchored at 0 (bin k covers [k * w, (k + 1) * w)), so growing the range
// merges pairs of bins exactly: no counts are interpolated or lost, and the
// result does not depend on the order batches arrive in, except for the bin
// width reached.
//
// Statistics serialize to JSON (docs/Passes.md, "Statistics file") so that
// one calibration run serves many experiments.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CALIBRATION_STATISTICS_H
#define HWQ_CALIBRATION_STATISTICS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hwq {

/// A histogram over an adaptive range with power-of-two bin width.
///
/// Invariants: the bin width is `2^widthExponent`; the stored bins are the
/// consecutive indices [firstBin, firstBin + counts.size()), at most
/// `maxBins` of them; bin k holds the values x with floor(x / width) == k.
class Histogram {
public:
  /// Default number of bins.
  static constexpr unsigned kDefaultMaxBins = 2048;

  /// An empty histogram that keeps at most `maxBins` (>= 2) bins.
  explicit Histogram(unsigned maxBins = kDefaultMaxBins);

  /// Rebuilds a histogram from its serialized parts; fails when they break
  /// the invariants.
  static llvm::Expected<Histogram> create(unsigned maxBins, int widthExponent,
                                          int64_t firstBin,
                                          std::vector<uint64_t> counts);

  /// Adds the finite values of `values` (others are ignored: TensorStatistics
  /// counts them), widening the range first if needed.
  void add(llvm::ArrayRef<float> values);

  /// Adds `count` copies of the finite value `value`.
  void add(double value, uint64_t count = 1);

  /// Adds all counts of `other` (coarsening to the wider bin width).
  void merge(const Histogram &other);

  /// True before any value was added.
  bool empty() const { return counts.empty(); }
  unsigned getMaxBins() const { return maxBins; }
  int getWidthExponent() const { return widthExponent; }
  double getBinWidth() const;
  int64_t getFirstBin() const { return firstBin; }
  llvm::ArrayRef<uint64_t> getCounts() const { return counts; }
  uint64_t getTotalCount() const;
  /// Lower edge of stored bin `i` (0-based into getCounts()).
  double getBinLower(size_t i) const;
  /// Upper edge of the last stored bin (the range's upper end).
  double getUpperEdge() const;

  /// The histogram of |x| at this bin width: entry j counts values with
  /// |x| in [j * width, (j + 1) * width). Negative bin k folds onto -k - 1
  /// without splitting bins because bins are anchored at 0; only a negative
  /// value that is an exact multiple of the width lands one bin lower than
  /// its absolute value would (its bin is (j * width, (j + 1) * width]).
  std::vector<uint64_t> getAbsoluteCounts() const;

private:
  /// Makes the stored bins cover [lo, hi], doubling the width as needed.
  void reserve(double lo, double hi);
  /// Doubles the bin width, merging pairs of bins.
  void doubleWidth();
  int64_t binIndex(double value) const;

  unsigned maxBins;
  int widthExponent = 0;
  int64_t firstBin = 0;
  std::vector<uint64_t> counts;
};

/// Running statistics of one tensor (or one channel of a tensor).
class TensorStatistics {
public:
  explicit TensorStatistics(unsigned maxBins = Histogram::kDefaultMaxBins)
      : histogram(maxBins) {}

  /// Records a batch of values. NaN and infinities are counted separately and
  /// otherwise ignored.
  void observe(llvm::ArrayRef<float> values);
  /// Adds the statistics of `other`.
  void merge(const TensorStatistics &other);

  /// Number of finite values seen.
  uint64_t getCount() const { return count; }
  /// Number of NaN or infinite values seen (and ignored).
  uint64_t getNonFiniteCount() const { return nonFinite; }
  /// Smallest and largest finite value; 0 when nothing was seen.
  double getMin() const { return count ? min : 0.0; }
  double getMax() const { return count ? max : 0.0; }
  /// max(|min|, |max|).
  double getAbsMax() const;
  const Histogram &getHistogram() const { return histogram; }

  /// JSON form (see docs/Passes.md).
  llvm::json::Value toJSON() const;
  /// Parses the JSON form; errors name the JSON path.
  static bool fromJSON(const llvm::json::Value &value, TensorStatistics &out,
                       llvm::json::Path path);

private:
  uint64_t count = 0;
  uint64_t nonFinite = 0;
  double min = 0.0;
  double max = 0.0;
  Histogram histogram;
};

/// Per-channel statistics of a tensor along one axis.
class ChannelStatistics {
public:
  /// Statistics along `axis`; each channel keeps a histogram of `maxBins`.
  explicit ChannelStatistics(int64_t axis = 0, unsigned maxBins = 256)
      : axis(axis), maxBins(maxBins) {}

  /// Records a row-major tensor of shape `shape`. Fails when the axis is out
  /// of range, the element count does not match the shape, or the channel
  /// count differs from earlier batches.
  llvm::Error observe(llvm::ArrayRef<float> values,
                      llvm::ArrayRef<int64_t> shape);

  int64_t getAxis() const { return axis; }
  llvm::ArrayRef<TensorStatistics> getChannels() const { return channels; }

  llvm::json::Value toJSON() const;
  static bool fromJSON(const llvm::json::Value &value, ChannelStatistics &out,
                       llvm::json::Path path);

private:
  int64_t axis;
  unsigned maxBins;
  std::vector<TensorStatistics> channels;
};

/// Statistics of one named edge: per tensor, and per channel when requested.
struct EdgeStatistics {
  TensorStatistics tensor;
  std::optional<ChannelStatistics> channels;
};

/// The statistics of all edges of a model, by edge name.
class StatisticsTable {
public:
  /// The entry for `name`, created empty when missing.
  EdgeStatistics &getOrCreate(llvm::StringRef name);
  /// The entry for `name`, or null.
  const EdgeStatistics *lookup(llvm::StringRef name) const;
  const std::map<std::string, EdgeStatistics> &getEdges() const {
    return edges;
  }

  /// The JSON document: {"format": "hwq-statistics", "version": 1,
  /// "edges": {name: {...}}}.
  llvm::json::Value toJSON() const;
  /// Parses a JSON document.
  static llvm::Expected<StatisticsTable> fromJSON(const llvm::json::Value &);

  /// Writes the JSON document to `path`.
  llvm::Error writeFile(llvm::StringRef path) const;
  /// Reads a file written by writeFile; errors start with the path.
  static llvm::Expected<StatisticsTable> readFile(llvm::StringRef path);

private:
  std::map<std::string, EdgeStatistics> edges;
};

} // namespace hwq

#endif // HWQ_CALIBRATION_STATISTICS_H
