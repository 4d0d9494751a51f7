//===- QuantTypeUtils.cpp - reading !quant.uniform types --------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace hwq;

bool QuantParams::hasFullStorageRange() const {
  return storageMin == quant::QuantizedType::getDefaultMinimumForInteger(
                           isSigned, storageWidth) &&
         storageMax == quant::QuantizedType::getDefaultMaximumForInteger(
                           isSigned, storageWidth);
}

int64_t QuantParams::getMaxCenteredMagnitude() const {
  int64_t result = 0;
  for (int64_t z : zeroPoints) {
    // Storage values and zero points fit in 33 bits for the widths the
    // realized ops accept; compute in __int128 anyway.
    __int128 hi = static_cast<__int128>(storageMax) - z;
    __int128 lo = static_cast<__int128>(z) - storageMin;
    __int128 m = std::max(hi < 0 ? -hi : hi, lo < 0 ? -lo : lo);
    if (m > std::numeric_limits<int64_t>::max())
      return std::numeric_limits<int64_t>::max();
    result = std::max(result, static_cast<int64_t>(m));
  }
  return result;
}

quant::QuantizedType hwq::getUniformElementType(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  if (isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
          type))
    return cast<quant::QuantizedType>(type);
  return {};
}

FailureOr<QuantParams> hwq::getQuantParams(Type type) {
  quant::QuantizedType element = getUniformElementType(type);
  if (!element)
    return failure();
  QuantParams params;
  if (auto perTensor = dyn_cast<quant::UniformQuantizedType>(element)) {
    params.scales.push_back(perTensor.getScale());
    params.zeroPoints.push_back(perTensor.getZeroPoint());
  } else {
    auto perAxis = cast<quant::UniformQuantizedPerAxisType>(element);
    params.scales.assign(perAxis.getScales().begin(),
                         perAxis.getScales().end());
    params.zeroPoints.assign(perAxis.getZeroPoints().begin(),
                             perAxis.getZeroPoints().end());
    params.axis = perAxis.getQuantizedDimension();
  }
  params.storageMin = element.getStorageTypeMin();
  params.storageMax = element.getStorageTypeMax();
  params.storageWidth = element.getStorageTypeIntegralWidth();
  params.isSigned = element.isSigned();
  params.expressedType = element.getExpressedType();
  return params;
}

double hwq::roundScaleToF32(double value) {
  return static_cast<double>(static_cast<float>(value));
}

double hwq::productScale(double a, double b) {
  // The double product of two f32 values is exact, so this equals the f32
  // product the simulation computes.
  return roundScaleToF32(a * b);
}

bool hwq::scalesMatch(double actual, double expected) {
  if (actual == expected)
    return true;
  double tolerance = std::ldexp(std::fabs(expected), -20);
  return std::fabs(actual - expected) <= tolerance;
}

quant::QuantizedType hwq::getAccumulatorElementType(Type expressedType,
                                                    unsigned width,
                                                    ArrayRef<double> scales,
                                                    int32_t axis) {
  MLIRContext *context = expressedType.getContext();
  auto storage = IntegerType::get(context, width);
  int64_t lo = quant::QuantizedType::getDefaultMinimumForInteger(true, width);
  int64_t hi = quant::QuantizedType::getDefaultMaximumForInteger(true, width);
  if (scales.size() == 1)
    return quant::UniformQuantizedType::get(quant::QuantizationFlags::Signed,
                                            storage, expressedType,
                                            scales.front(), 0, lo, hi);
  SmallVector<int64_t> zeros(scales.size(), 0);
  return quant::UniformQuantizedPerAxisType::get(
      quant::QuantizationFlags::Signed, storage, expressedType, scales, zeros,
      axis, lo, hi);
}

FailureOr<quant::QuantizedType>
hwq::inferAccumulatorElementType(const QuantParams &input,
                                 const QuantParams &weight, unsigned width,
                                 int32_t channelAxis) {
  if (input.isPerAxis() || !input.expressedType)
    return failure();
  SmallVector<double> scales;
  for (double s : weight.scales)
    scales.push_back(productScale(input.getScale(), s));
  if (!weight.isPerAxis())
    scales.resize(1);
  return getAccumulatorElementType(input.expressedType, width, scales,
                                   channelAxis);
}

FailureOr<SmallVector<FixedPointMultiplier>>
hwq::computeRequantizeMultipliers(const QuantParams &in, const QuantParams &out,
                                  unsigned numChannels) {
  unsigned count = (in.isPerAxis() || out.isPerAxis()) ? numChannels : 1;
  if (count == 0 || (in.isPerAxis() && in.getNumChannels() != count) ||
      (out.isPerAxis() && out.getNumChannels() != count))
    return failure();
  SmallVector<FixedPointMultiplier> result;
  for (unsigned c = 0; c < count; ++c) {
    double outScale = out.getScale(c);
    if (!(outScale > 0))
      return failure();
    std::optional<FixedPointMultiplier> m =
        computeMultiplierAndShift(in.getScale(c) / outScale);
    if (!m)
      return failure();
    result.push_back(*m);
  }
  return result;
}

int64_t hwq::wrapToWidth(int64_t value, unsigned width) {
  if (width >= 64)
    return value;
  uint64_t mask = (uint64_t(1) << width) - 1;
  uint64_t bits = static_cast<uint64_t>(value) & mask;
  uint64_t signBit = uint64_t(1) << (width - 1);
  // Sign-extend from `width` bits.
  return static_cast<int64_t>((bits ^ signBit) - signBit);
}

int64_t hwq::requantizeInteger(int64_t centered,
                               FixedPointMultiplier multiplier,
                               int64_t zeroPoint, int64_t lo, int64_t hi) {
  __int128 v =
      roundingMultiplyByQ31(centered, multiplier.multiplier, multiplier.shift);
  v += zeroPoint;
  if (v < lo)
    return lo;
  if (v > hi)
    return hi;
  return static_cast<int64_t>(v);
}

double hwq::getAddIntermediateScale(double scaleA, double scaleB,
                                    int32_t intermediateShift) {
  return std::ldexp(std::min(scaleA, scaleB), -intermediateShift);
}

int32_t hwq::chooseAddIntermediateShift(const QuantParams &a,
                                        const QuantParams &b) {
  double sa = a.getScale(), sb = b.getScale();
  double ra = static_cast<double>(a.getMaxCenteredMagnitude());
  double rb = static_cast<double>(b.getMaxCenteredMagnitude());
  for (int32_t k = 30; k > 0; --k) {
    double si = getAddIntermediateScale(sa, sb, k);
    // +2: each rescaled input may round up by one unit.
    if (ra * (sa / si) + rb * (sb / si) + 2 < 16777216.0)
      return k;
  }
  return 0;
}
