//===- Thresholds.h - threshold selection and quantization params -*- C++ -*-//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// From the statistics of an edge to its clipping range (max, percentile, KL
// divergence, MSE-optimal clipping) and from a range to a scale and zero
// point (symmetric or asymmetric, signed or unsigned, narrow range, power-of-
// two scales). Every function works for any edge width from 2 to 16 bits
// (scale and zero point up to 32 bits). The formulas are in docs/Passes.md.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CALIBRATION_THRESHOLDS_H
#define HWQ_CALIBRATION_THRESHOLDS_H

#include "hwq/Calibration/Statistics.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>

namespace hwq {

/// The integer grid of an edge.
struct IntegerGrid {
  /// Width in bits, 2 to 32.
  unsigned bits = 8;
  bool isSigned = true;
  /// Signed only: drop the most negative value ([-(2^(b-1)-1), 2^(b-1)-1]).
  bool narrowRange = false;

  int64_t getQMin() const;
  int64_t getQMax() const;
  /// Checks bits and the narrow-range/signedness combination.
  llvm::Error verify() const;
};

/// How a clipping range is chosen from statistics.
enum class ThresholdMethod { Max, Percentile, KL, MSE };

/// "max", "percentile", "kl", "mse".
llvm::StringRef stringifyThresholdMethod(ThresholdMethod method);
std::optional<ThresholdMethod> parseThresholdMethod(llvm::StringRef name);

/// Options of range selection.
struct ThresholdOptions {
  ThresholdMethod method = ThresholdMethod::Max;
  /// Percentile (0, 100] of |x| (symmetric) or of each tail (asymmetric).
  double percentile = 99.99;
  /// Symmetric ranges [-T, T] (signed) or [0, T] (unsigned grid); else an
  /// asymmetric [lo, hi].
  bool symmetric = true;
  /// Candidate thresholds the MSE search evaluates.
  unsigned mseCandidates = 512;
};

/// A real clipping range; lo <= hi.
struct Range {
  double lo = 0.0;
  double hi = 0.0;
};

/// Scale and zero point of an edge: real = (q - zeroPoint) * scale.
struct EdgeQuantParams {
  /// Positive, representable in f32 (the IR stores f32 scales).
  double scale = 1.0;
  int64_t zeroPoint = 0;
  int64_t qmin = 0;
  int64_t qmax = 0;
};

/// How a range becomes scale and zero point.
struct QuantSpec {
  IntegerGrid grid;
  /// Zero point 0. Signed: scale = max(|lo|, |hi|) / qmax. Unsigned:
  /// scale = hi / qmax (negative values clip to 0).
  bool symmetric = true;
  /// Round the scale up to a power of two (shift-only requantize).
  bool powerOfTwo = false;
};

/// The threshold T of |x| at `percentile` (0, 100], interpolated linearly
/// inside the histogram bin; never above the largest |x|.
double computePercentileThreshold(const TensorStatistics &stats,
                                  double percentile);

/// The number of quantized bins KL divergence merges [0, T] into for a grid:
/// 2^(bits-1) for signed grids (128 at 8 bits), 2^bits - 1 for unsigned
/// grids (255 at 8 bits).
unsigned getKLQuantizedBins(const IntegerGrid &grid);

/// The threshold T minimizing KL(P || Q) between the |x| distribution
/// clipped at T and its quantization into `quantizedBins` levels (TensorRT /
/// HAGO entropy calibration). Returns the largest |x| when the histogram has
/// no more bins than `quantizedBins` (no clipping can be evaluated).
double computeKLThreshold(const TensorStatistics &stats,
                          unsigned quantizedBins);

/// The range minimizing the expected squared error (rounding error
/// step^2 / 12 inside the range plus squared clipping error outside, with
/// values uniform inside each histogram bin) among `candidates` ranges that
/// shrink the observed range: [-T, T] / [0, T] for symmetric, [f * lo, f * hi]
/// for asymmetric.
Range computeMSERange(const TensorStatistics &stats, const IntegerGrid &grid,
                      bool symmetric, unsigned candidates = 512);

/// The clipping range of an edge by `options.method`. Symmetric methods
/// return [-T, T] for signed grids and [0, T] for unsigned grids. Fails on
/// an invalid grid or percentile.
llvm::Expected<Range> selectRange(const TensorStatistics &stats,
                                  const IntegerGrid &grid,
                                  const ThresholdOptions &options);

/// Scale and zero point for `range` (docs/Passes.md):
///  - symmetric: zero point 0 (see QuantSpec::symmetric);
///  - asymmetric: the range is widened to include 0, scale =
///    (hi - lo) / (qmax - qmin), zero point = round_half_to_even(qmin - lo /
///    scale) clamped to [qmin, qmax];
///  - the scale is rounded to f32, then up to a power of two if requested;
///  - an all-zero range gets scale 1.
/// Fails on an invalid grid, a non-finite or inverted range, or a scale
/// below the smallest normal f32.
llvm::Expected<EdgeQuantParams> computeQuantParams(Range range,
                                               const QuantSpec &spec);

} // namespace hwq

#endif // HWQ_CALIBRATION_THRESHOLDS_H
