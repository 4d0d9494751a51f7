//===- QuantTypeUtils.h - reading !quant.uniform types ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// One flat view of the upstream `!quant.uniform` types that the realized hwq
// ops carry (per-tensor and per-axis; sub-channel types are not supported by
// the realized ops), plus the few derived quantities that the verifiers, the
// realize pass and the reference evaluator must compute the same way:
//
//  * `getQuantParams(type)` reads scale(s), zero point(s), the storage range
//    (the clip range: `i8<-32:31>` is a 6-bit edge in an i8 container), the
//    storage width and signedness of a quantized element type or of a
//    shaped type of one;
//  * `productScale(a, b)` is the scale of a product grid (an accumulator):
//    `a * b` rounded to f32, the precision of the simulation's scale operands
//    (docs/Numerics.md, "derived scales");
//  * `computeRequantizeMultipliers(in, out)` gives the Q31 multiplier and
//    shift per channel of a requantize from one grid to another;
//  * `wrapToWidth` and `requantizeInteger` are the scalar integer steps of the
//    realized ops, written once so that every consumer agrees.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_IR_QUANTTYPEUTILS_H
#define HWQ_DIALECT_HWQ_IR_QUANTTYPEUTILS_H

#include "hwq/Support/FixedPoint.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace hwq {

/// The parameters of one per-tensor or per-axis `!quant.uniform` type.
/// Per-tensor types have one scale and one zero point and no axis.
struct QuantParams {
  /// Scales, one per channel along `axis` (one element when per-tensor).
  llvm::SmallVector<double, 1> scales;
  /// Zero points, as many as `scales`.
  llvm::SmallVector<int64_t, 1> zeroPoints;
  /// The quantized dimension of a per-axis type; std::nullopt per-tensor.
  std::optional<int32_t> axis;
  /// The clip range of the edge: the type's storage bounds (explicit
  /// `i8<-32:31>` bounds or the container's full range).
  int64_t storageMin = 0;
  int64_t storageMax = 0;
  /// Width of the storage (container) integer type.
  unsigned storageWidth = 0;
  /// Whether the storage integers are signed.
  bool isSigned = true;
  /// The float type the quantized values approximate (usually f32).
  mlir::Type expressedType;

  /// True for a per-axis type.
  bool isPerAxis() const { return axis.has_value(); }
  /// Number of channels: the number of scales (1 per-tensor).
  unsigned getNumChannels() const { return scales.size(); }
  /// Scale of `channel`; per-tensor types ignore `channel`.
  double getScale(int64_t channel = 0) const {
    return scales.size() == 1 ? scales.front() : scales[channel];
  }
  /// Zero point of `channel`; per-tensor types ignore `channel`.
  int64_t getZeroPoint(int64_t channel = 0) const {
    return zeroPoints.size() == 1 ? zeroPoints.front() : zeroPoints[channel];
  }
  /// True when the storage bounds are the full range of the container.
  bool hasFullStorageRange() const;
  /// Largest |q - z| over the storage range and all channels: the magnitude
  /// bound of a centered value `q - z`.
  int64_t getMaxCenteredMagnitude() const;
};

/// The quantized element type of `type` (itself, or the element type of a
/// shaped type) when it is a per-tensor or per-axis `!quant.uniform`; null
/// otherwise (including sub-channel types).
mlir::quant::QuantizedType getUniformElementType(mlir::Type type);

/// Reads the parameters of a per-tensor or per-axis `!quant.uniform` element
/// type or shaped type of one. Fails for any other type.
mlir::FailureOr<QuantParams> getQuantParams(mlir::Type type);

/// The scale of a product grid: `a * b` rounded to the nearest f32 and
/// widened back to double. The simulation carries scales as f32 tensors and
/// multiplies them in f32; rounding here makes the realized constants equal
/// to the simulated ones (docs/Numerics.md).
double productScale(double a, double b);

/// `value` rounded to the nearest f32 and widened back to double.
double roundScaleToF32(double value);

/// True when `actual` equals `expected` up to a relative error of 2^-20,
/// which accepts both the exact double product of two scales and its f32
/// rounding (`productScale`).
bool scalesMatch(double actual, double expected);

/// Builds `!quant.uniform<i<width>:expressed, scale>` (per-tensor) or, with
/// several scales, the per-axis type on `axis`; zero points are all 0 and the
/// storage range is the full signed range of the width. This is the
/// accumulator type of the realized contractions.
mlir::quant::QuantizedType
getAccumulatorElementType(mlir::Type expressedType, unsigned width,
                          llvm::ArrayRef<double> scales, int32_t axis);

/// The accumulator element type of a contraction whose activation has the
/// per-tensor parameters `input` and whose weights have the parameters
/// `weight` (per-tensor, or per-axis over the output channels, which become
/// dimension `channelAxis` of the accumulator): scales
/// productScale(s_in, s_w[o]), zero point 0. Fails when `input` is per-axis.
mlir::FailureOr<mlir::quant::QuantizedType>
inferAccumulatorElementType(const QuantParams &input, const QuantParams &weight,
                            unsigned width, int32_t channelAxis);

/// The Q31 multipliers and shifts of a requantize from a grid with
/// parameters `in` to one with parameters `out`:
/// computeMultiplierAndShift(s_in[c] / s_out[c]) per channel, with the ratio
/// computed in double. Per-tensor on both sides gives one entry; otherwise
/// `numChannels` entries (the per-axis side(s) must have that many scales).
/// Fails when a ratio is not representable (shift outside [0, 62]).
mlir::FailureOr<llvm::SmallVector<FixedPointMultiplier>>
computeRequantizeMultipliers(const QuantParams &in, const QuantParams &out,
                             unsigned numChannels = 1);

/// `value` reduced to a two's complement integer of `width` bits
/// (1 <= width <= 64): the accumulator overflow rule of the realized ops.
int64_t wrapToWidth(int64_t value, unsigned width);

/// One requantized output integer:
/// clamp(roundingMultiplyByQ31(centered, m, n) + zeroPoint, lo, hi), with the
/// zero-point addition done without overflow.
int64_t requantizeInteger(int64_t centered, FixedPointMultiplier multiplier,
                          int64_t zeroPoint, int64_t lo, int64_t hi);

/// The intermediate grid of `hwq.add`: min(s_a, s_b) * 2^-shift.
double getAddIntermediateScale(double scaleA, double scaleB,
                               int32_t intermediateShift);

/// The largest intermediate shift in [0, 30] for which the sum of the two
/// rescaled inputs of an `hwq.add` stays below 2^24 in magnitude (so that an
/// f32 simulation is exact), or 0 when none does. `a` and `b` must be
/// per-tensor.
int32_t chooseAddIntermediateShift(const QuantParams &a, const QuantParams &b);

} // namespace hwq

#endif // HWQ_DIALECT_HWQ_IR_QUANTTYPEUTILS_H
