//===- Statistics.cpp - running tensor statistics for calibration -*- C++ -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Calibration/Statistics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace llvm;
using namespace hwq;

/// floor(k / 2) for any sign.
static int64_t floorHalf(int64_t k) { return k >= 0 ? k / 2 : -((-k + 1) / 2); }

//===----------------------------------------------------------------------===//
// Histogram
//===----------------------------------------------------------------------===//

Histogram::Histogram(unsigned maxBins) : maxBins(std::max(maxBins, 2u)) {}

Expected<Histogram> Histogram::create(unsigned maxBins, int widthExponent,
                                      int64_t firstBin,
                                      std::vector<uint64_t> counts) {
  if (maxBins < 2)
    return createStringError("histogram max_bins must be at least 2, got " +
                             Twine(maxBins));
  if (counts.size() > maxBins)
    return createStringError("histogram has " + Twine(counts.size()) +
                             " bins, more than max_bins " + Twine(maxBins));
  if (widthExponent < -1000 || widthExponent > 1000)
    return createStringError("histogram width_exponent " +
                             Twine(widthExponent) + " is out of range");
  constexpr int64_t kLimit = int64_t(1) << 62;
  if (firstBin < -kLimit || firstBin > kLimit)
    return createStringError("histogram first_bin " + Twine(firstBin) +
                             " is out of range");
  Histogram h(maxBins);
  h.widthExponent = widthExponent;
  h.firstBin = firstBin;
  h.counts = std::move(counts);
  return h;
}

double Histogram::getBinWidth() const {
  return std::ldexp(1.0, widthExponent);
}

uint64_t Histogram::getTotalCount() const {
  uint64_t total = 0;
  for (uint64_t c : counts)
    total += c;
  return total;
}

double Histogram::getBinLower(size_t i) const {
  return std::ldexp(static_cast<double>(firstBin + static_cast<int64_t>(i)),
                    widthExponent);
}

double Histogram::getUpperEdge() const { return getBinLower(counts.size()); }

int64_t Histogram::binIndex(double value) const {
  return static_cast<int64_t>(std::floor(std::ldexp(value, -widthExponent)));
}

void Histogram::doubleWidth() {
  int64_t last = firstBin + static_cast<int64_t>(counts.size()) - 1;
  int64_t newFirst = floorHalf(firstBin);
  std::vector<uint64_t> merged(floorHalf(last) - newFirst + 1, 0);
  for (size_t i = 0; i < counts.size(); ++i)
    merged[floorHalf(firstBin + static_cast<int64_t>(i)) - newFirst] +=
        counts[i];
  firstBin = newFirst;
  counts = std::move(merged);
  ++widthExponent;
}

void Histogram::reserve(double lo, double hi) {
  double magnitude = std::max(std::fabs(lo), std::fabs(hi));
  // Keep bin indices far from int64 overflow: |x| / width < 2^60.
  int minExponent = magnitude > 0 ? std::ilogb(magnitude) - 60
                                  : std::numeric_limits<int>::min();
  if (counts.empty()) {
    double span = hi - lo;
    int e;
    if (span > 0)
      e = static_cast<int>(std::ceil(std::log2(span / (maxBins - 1))));
    else if (magnitude > 0)
      e = std::ilogb(magnitude) - 10;
    else
      e = -24;
    widthExponent = std::max(e, minExponent);
    while (binIndex(hi) - binIndex(lo) + 1 > static_cast<int64_t>(maxBins))
      ++widthExponent;
    firstBin = binIndex(lo);
    counts.assign(binIndex(hi) - firstBin + 1, 0);
    return;
  }
  while (widthExponent < minExponent)
    doubleWidth();
  auto span = [&](int64_t &kLo, int64_t &kHi) {
    kLo = std::min(binIndex(lo), firstBin);
    kHi = std::max(binIndex(hi),
                   firstBin + static_cast<int64_t>(counts.size()) - 1);
    return kHi - kLo + 1;
  };
  int64_t kLo, kHi;
  while (span(kLo, kHi) > static_cast<int64_t>(maxBins))
    doubleWidth();
  if (kLo < firstBin) {
    counts.insert(counts.begin(), firstBin - kLo, 0);
    firstBin = kLo;
  }
  int64_t last = firstBin + static_cast<int64_t>(counts.size()) - 1;
  if (kHi > last)
    counts.resize(counts.size() + (kHi - last), 0);
}

void Histogram::add(double value, uint64_t count) {
  if (!std::isfinite(value) || count == 0)
    return;
  reserve(value, value);
  counts[binIndex(value) - firstBin] += count;
}

void Histogram::add(ArrayRef<float> values) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (float v : values)
    if (std::isfinite(v)) {
      lo = std::min(lo, static_cast<double>(v));
      hi = std::max(hi, static_cast<double>(v));
    }
  if (lo > hi)
    return;
  reserve(lo, hi);
  for (float v : values)
    if (std::isfinite(v))
      ++counts[binIndex(v) - firstBin];
}

void Histogram::merge(const Histogram &other) {
  if (other.empty())
    return;
  if (empty()) {
    widthExponent = other.widthExponent;
    firstBin = other.firstBin;
    counts.assign(1, 0);
  }
  while (widthExponent < other.widthExponent)
    doubleWidth();
  // With width >= other's width (both powers of two anchored at 0), each bin
  // of `other` lies inside the bin of its lower edge.
  reserve(other.getBinLower(0), other.getBinLower(other.counts.size() - 1));
  for (size_t i = 0; i < other.counts.size(); ++i)
    counts[binIndex(other.getBinLower(i)) - firstBin] += other.counts[i];
}

std::vector<uint64_t> Histogram::getAbsoluteCounts() const {
  std::vector<uint64_t> result;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (!counts[i])
      continue;
    int64_t k = firstBin + static_cast<int64_t>(i);
    uint64_t j = k >= 0 ? static_cast<uint64_t>(k) : static_cast<uint64_t>(-k - 1);
    if (j >= result.size())
      result.resize(j + 1, 0);
    result[j] += counts[i];
  }
  return result;
}

//===----------------------------------------------------------------------===//
// TensorStatistics
//===----------------------------------------------------------------------===//

void TensorStatistics::observe(ArrayRef<float> values) {
  for (float v : values) {
    if (!std::isfinite(v)) {
      ++nonFinite;
      continue;
    }
    if (count == 0) {
      min = max = v;
    } else {
      min = std::min(min, static_cast<double>(v));
      max = std::max(max, static_cast<double>(v));
    }
    ++count;
  }
  histogram.add(values);
}

void TensorStatistics::merge(const TensorStatistics &other) {
  if (other.count) {
    min = count ? std::min(min, other.min) : other.min;
    max = count ? std::max(max, other.max) : other.max;
  }
  count += other.count;
  nonFinite += other.nonFinite;
  histogram.merge(other.histogram);
}

double TensorStatistics::getAbsMax() const {
  return std::max(std::fabs(getMin()), std::fabs(getMax()));
}

json::Value TensorStatistics::toJSON() const {
  json::Object object{{"count", static_cast<int64_t>(count)},
                      {"non_finite", static_cast<int64_t>(nonFinite)}};
  if (count) {
    object["min"] = min;
    object["max"] = max;
  }
  json::Object hist{{"max_bins", static_cast<int64_t>(histogram.getMaxBins())}};
  if (!histogram.empty()) {
    json::Array bins;
    for (uint64_t c : histogram.getCounts())
      bins.push_back(static_cast<int64_t>(c));
    hist["width_exponent"] = histogram.getWidthExponent();
    hist["first_bin"] = histogram.getFirstBin();
    hist["counts"] = std::move(bins);
  }
  object["histogram"] = std::move(hist);
  return object;
}

/// Reads a non-negative integer field.
static bool readCount(const json::Object &object, StringRef key,
                      uint64_t &out, json::Path path) {
  const json::Value *value = object.get(key);
  std::optional<int64_t> integer = value ? value->getAsInteger() : std::nullopt;
  if (!integer || *integer < 0) {
    path.field(key).report("expected a non-negative integer");
    return false;
  }
  out = static_cast<uint64_t>(*integer);
  return true;
}

/// Reads a finite number field.
static bool readNumber(const json::Object &object, StringRef key, double &out,
                       json::Path path) {
  const json::Value *value = object.get(key);
  std::optional<double> number = value ? value->getAsNumber() : std::nullopt;
  if (!number || !std::isfinite(*number)) {
    path.field(key).report("expected a finite number");
    return false;
  }
  out = *number;
  return true;
}

bool TensorStatistics::fromJSON(const json::Value &value,
                                TensorStatistics &out, json::Path path) {
  const json::Object *object = value.getAsObject();
  if (!object) {
    path.report("expected an object");
    return false;
  }
  TensorStatistics stats;
  if (!readCount(*object, "count", stats.count, path) ||
      !readCount(*object, "non_finite", stats.nonFinite, path))
    return false;
  if (stats.count) {
    if (!readNumber(*object, "min", stats.min, path) ||
        !readNumber(*object, "max", stats.max, path))
      return false;
    if (stats.min > stats.max) {
      path.field("min").report("min is larger than max");
      return false;
    }
  }
  const json::Object *hist = object->getObject("histogram");
  json::Path histPath = path.field("histogram");
  if (!hist) {
    histPath.report("expected an object");
    return false;
  }
  uint64_t maxBins = 0;
  if (!readCount(*hist, "max_bins", maxBins, histPath))
    return false;
  if (maxBins > (1u << 24)) {
    histPath.field("max_bins").report("too many bins");
    return false;
  }
  std::vector<uint64_t> counts;
  int64_t widthExponent = 0, firstBin = 0;
  if (const json::Array *bins = hist->getArray("counts")) {
    std::optional<int64_t> e = hist->getInteger("width_exponent");
    std::optional<int64_t> first = hist->getInteger("first_bin");
    if (!e || !first) {
      histPath.report("counts need integer width_exponent and first_bin");
      return false;
    }
    widthExponent = *e;
    firstBin = *first;
    json::Path countsPath = histPath.field("counts");
    for (auto [i, bin] : llvm::enumerate(*bins)) {
      std::optional<int64_t> c = bin.getAsInteger();
      if (!c || *c < 0) {
        countsPath.index(i).report("expected a non-negative integer");
        return false;
      }
      counts.push_back(static_cast<uint64_t>(*c));
    }
  }
  if (maxBins < 2) {
    histPath.field("max_bins").report("must be at least 2");
    return false;
  }
  if (counts.size() > maxBins) {
    histPath.field("counts").report("has more bins than max_bins");
    return false;
  }
  if (widthExponent < -1000 || widthExponent > 1000) {
    histPath.field("width_exponent").report("out of range [-1000, 1000]");
    return false;
  }
  if (firstBin < -(int64_t(1) << 62) || firstBin > (int64_t(1) << 62)) {
    histPath.field("first_bin").report("out of range");
    return false;
  }
  Expected<Histogram> histogram =
      Histogram::create(static_cast<unsigned>(maxBins),
                        static_cast<int>(widthExponent), firstBin,
                        std::move(counts));
  if (!histogram) {
    consumeError(histogram.takeError());
    histPath.report("invalid histogram");
    return false;
  }
  stats.histogram = std::move(*histogram);
  out = std::move(stats);
  return true;
}

//===----------------------------------------------------------------------===//
// ChannelStatistics
//===----------------------------------------------------------------------===//

Error ChannelStatistics::observe(ArrayRef<float> values,
                                 ArrayRef<int64_t> shape) {
  int64_t rank = static_cast<int64_t>(shape.size());
  if (axis < 0 || axis >= rank)
    return createStringError("channel axis " + Twine(axis) +
                             " is out of range for rank " + Twine(rank));
  int64_t elements = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return createStringError("negative dimension in shape");
    elements *= dim;
  }
  if (elements != static_cast<int64_t>(values.size()))
    return createStringError("shape has " + Twine(elements) +
                             " elements but " + Twine(values.size()) +
                             " values were given");
  int64_t numChannels = shape[axis];
  if (channels.empty())
    channels.assign(numChannels, TensorStatistics(maxBins));
  else if (static_cast<int64_t>(channels.size()) != numChannels)
    return createStringError("tensor has " + Twine(numChannels) +
                             " channels, earlier batches had " +
                             Twine(channels.size()));
  int64_t inner = 1;
  for (int64_t dim : shape.drop_front(axis + 1))
    inner *= dim;
  std::vector<std::vector<float>> perChannel(numChannels);
  for (int64_t i = 0; i < elements; ++i)
    perChannel[(i / inner) % numChannels].push_back(values[i]);
  for (int64_t c = 0; c < numChannels; ++c)
    channels[c].observe(perChannel[c]);
  return Error::success();
}

json::Value ChannelStatistics::toJSON() const {
  json::Array stats;
  for (const TensorStatistics &channel : channels)
    stats.push_back(channel.toJSON());
  return json::Object{{"axis", axis},
                      {"max_bins", static_cast<int64_t>(maxBins)},
                      {"channels", std::move(stats)}};
}

bool ChannelStatistics::fromJSON(const json::Value &value,
                                 ChannelStatistics &out, json::Path path) {
  const json::Object *object = value.getAsObject();
  if (!object) {
    path.report("expected an object");
    return false;
  }
  std::optional<int64_t> axis = object->getInteger("axis");
  if (!axis || *axis < 0) {
    path.field("axis").report("expected a non-negative integer");
    return false;
  }
  uint64_t maxBins = 0;
  if (!readCount(*object, "max_bins", maxBins, path))
    return false;
  const json::Array *stats = object->getArray("channels");
  if (!stats) {
    path.field("channels").report("expected an array");
    return false;
  }
  ChannelStatistics result(*axis, static_cast<unsigned>(maxBins));
  for (auto [i, channel] : llvm::enumerate(*stats)) {
    TensorStatistics parsed;
    if (!TensorStatistics::fromJSON(channel, parsed,
                                    path.field("channels").index(i)))
      return false;
    result.channels.push_back(std::move(parsed));
  }
  out = std::move(result);
  return true;
}

//===----------------------------------------------------------------------===//
// StatisticsTable
//===----------------------------------------------------------------------===//

static constexpr StringLiteral kFormat = "hwq-statistics";
static constexpr int64_t kVersion = 1;

EdgeStatistics &StatisticsTable::getOrCreate(StringRef name) {
  return edges[name.str()];
}

const EdgeStatistics *StatisticsTable::lookup(StringRef name) const {
  auto it = edges.find(name.str());
  return it == edges.end() ? nullptr : &it->second;
}

json::Value StatisticsTable::toJSON() const {
  json::Object entries;
  for (const auto &[name, edge] : edges) {
    json::Object entry{{"tensor", edge.tensor.toJSON()}};
    if (edge.channels)
      entry["per_channel"] = edge.channels->toJSON();
    entries[name] = std::move(entry);
  }
  return json::Object{{"format", kFormat},
                      {"version", kVersion},
                      {"edges", std::move(entries)}};
}

Expected<StatisticsTable> StatisticsTable::fromJSON(const json::Value &value) {
  json::Path::Root root("statistics");
  json::Path path(root);
  StatisticsTable table;
  auto fail = [&]() -> Expected<StatisticsTable> {
    return root.getError();
  };
  const json::Object *object = value.getAsObject();
  if (!object) {
    path.report("expected an object");
    return fail();
  }
  if (object->getString("format") != kFormat) {
    path.field("format").report("expected \"hwq-statistics\"");
    return fail();
  }
  if (object->getInteger("version") != kVersion) {
    path.field("version").report("unsupported version (expected 1)");
    return fail();
  }
  const json::Object *entries = object->getObject("edges");
  if (!entries) {
    path.field("edges").report("expected an object");
    return fail();
  }
  json::Path edgesPath = path.field("edges");
  for (const auto &[name, entry] : *entries) {
    json::Path entryPath = edgesPath.field(name);
    const json::Object *fields = entry.getAsObject();
    if (!fields) {
      entryPath.report("expected an object");
      return fail();
    }
    EdgeStatistics edge;
    const json::Value *tensor = fields->get("tensor");
    if (!tensor) {
      entryPath.field("tensor").report("missing");
      return fail();
    }
    if (!TensorStatistics::fromJSON(*tensor, edge.tensor,
                                    entryPath.field("tensor")))
      return fail();
    if (const json::Value *perChannel = fields->get("per_channel")) {
      ChannelStatistics channels;
      if (!ChannelStatistics::fromJSON(*perChannel, channels,
                                       entryPath.field("per_channel")))
        return fail();
      edge.channels = std::move(channels);
    }
    table.edges[name.str()] = std::move(edge);
  }
  return table;
}

Error StatisticsTable::writeFile(StringRef path) const {
  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_Text);
  if (ec)
    return createStringError(ec, path + ": " + ec.message());
  os << formatv("{0:2}", toJSON()) << "\n";
  os.close();
  if (os.has_error())
    return createStringError(os.error(), path + ": " + os.error().message());
  return Error::success();
}

Expected<StatisticsTable> StatisticsTable::readFile(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(path);
  if (!buffer)
    return createStringError(buffer.getError(),
                             path + ": " + buffer.getError().message());
  Expected<json::Value> value = json::parse((*buffer)->getBuffer());
  if (!value)
    return createStringError(path + ": " + toString(value.takeError()));
  Expected<StatisticsTable> table = fromJSON(*value);
  if (!table)
    return createStringError(path + ": " + toString(table.takeError()));
  return table;
}
