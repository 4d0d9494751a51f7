//===- OpVerification.cpp - shared checks of the realized ops ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "OpVerification.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::opverify;

FailureOr<QuantParams> hwq::opverify::getParams(Operation *op, Value value,
                                                StringRef name) {
  FailureOr<QuantParams> params = getQuantParams(value.getType());
  if (failed(params))
    return op->emitOpError()
           << name << " must be a tensor of per-tensor or per-axis "
           << "!quant.uniform, got " << value.getType();
  return params;
}

LogicalResult hwq::opverify::verifyPerAxisFits(Operation *op, StringRef name,
                                               RankedTensorType type,
                                               const QuantParams &params) {
  if (!params.isPerAxis())
    return success();
  int64_t axis = *params.axis;
  if (axis < 0 || axis >= type.getRank())
    return op->emitOpError() << name << " quantized dimension " << axis
                             << " is out of range for rank " << type.getRank();
  int64_t size = type.getDimSize(axis);
  if (!ShapedType::isDynamic(size) &&
      size != static_cast<int64_t>(params.getNumChannels()))
    return op->emitOpError()
           << name << " has " << params.getNumChannels()
           << " per-axis scales but dimension " << axis << " has size " << size;
  return success();
}

LogicalResult hwq::opverify::verifyPerTensor(Operation *op, StringRef name,
                                             const QuantParams &params) {
  if (params.isPerAxis())
    return op->emitOpError() << name << " must be per-tensor quantized";
  return success();
}

LogicalResult hwq::opverify::verifyArrayAttr(Operation *op, StringRef name,
                                             ArrayRef<int64_t> values,
                                             size_t size, int64_t minValue) {
  if (values.size() != size)
    return op->emitOpError() << "'" << name << "' must have " << size
                             << " values, got " << values.size();
  for (int64_t v : values)
    if (v < minValue)
      return op->emitOpError()
             << "'" << name << "' values must be "
             << (minValue == 0 ? "non-negative" : "positive") << ", got " << v;
  return success();
}

LogicalResult hwq::opverify::verifyRank(Operation *op, StringRef name,
                                        RankedTensorType type, int64_t rank) {
  if (type.getRank() != rank)
    return op->emitOpError()
           << name << " must be rank " << rank << ", got " << type;
  return success();
}

LogicalResult hwq::opverify::verifyDimsAgree(Operation *op, StringRef what,
                                             int64_t a, int64_t b) {
  if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b)
    return op->emitOpError() << what << " disagree: " << a << " vs " << b;
  return success();
}

std::optional<int64_t>
hwq::opverify::getWindowOutputSize(int64_t in, int64_t padLo, int64_t padHi,
                                   int64_t effectiveKernel, int64_t stride) {
  if (ShapedType::isDynamic(in))
    return std::nullopt;
  int64_t numerator = in + padLo + padHi - effectiveKernel;
  if (numerator < 0)
    return -1;
  return numerator / stride + 1;
}

LogicalResult hwq::opverify::verifyWindowOutputSize(
    Operation *op, StringRef axisName, int64_t in, int64_t padLo, int64_t padHi,
    int64_t effectiveKernel, int64_t stride, int64_t out) {
  std::optional<int64_t> expected =
      getWindowOutputSize(in, padLo, padHi, effectiveKernel, stride);
  if (!expected)
    return success();
  if (*expected < 0)
    return op->emitOpError()
           << "padded input " << axisName << " " << (in + padLo + padHi)
           << " is smaller than the window extent " << effectiveKernel;
  if (!ShapedType::isDynamic(out) && out != *expected)
    return op->emitOpError() << "output " << axisName << " must be "
                             << *expected << ", got " << out;
  return success();
}

LogicalResult
hwq::opverify::verifySameExpressedType(Operation *op,
                                       ArrayRef<const QuantParams *> params) {
  for (const QuantParams *p : params)
    if (p->expressedType != params.front()->expressedType)
      return op->emitOpError()
             << "operands and result must have the same expressed type, got "
             << params.front()->expressedType << " and " << p->expressedType;
  return success();
}

LogicalResult hwq::opverify::verifyAccumulator(
    Operation *op, RankedTensorType outputType, const QuantParams &input,
    const QuantParams &weight, int64_t channelDim, StringRef weightName) {
  FailureOr<QuantParams> maybeOut = getQuantParams(outputType);
  if (failed(maybeOut))
    return failure(); // Reported by the caller's getParams.
  const QuantParams &out = *maybeOut;
  if (!out.isSigned || (out.storageWidth != 16 && out.storageWidth != 32))
    return op->emitOpError()
           << "result must be a signed i16 or i32 accumulator, got "
           << outputType.getElementType();
  if (!out.hasFullStorageRange())
    return op->emitOpError()
           << "accumulator must use the full storage range of i"
           << out.storageWidth << ", got [" << out.storageMin << ", "
           << out.storageMax << "]";
  for (int64_t z : out.zeroPoints)
    if (z != 0)
      return op->emitOpError() << "accumulator zero point must be 0, got " << z;
  if (failed(verifySameExpressedType(op, {&input, &weight, &out})))
    return failure();
  if (weight.isPerAxis() != out.isPerAxis())
    return op->emitOpError()
           << "result must be per-axis on dimension " << channelDim
           << " exactly when the " << weightName << " is per-axis";
  if (out.isPerAxis()) {
    if (*out.axis != channelDim)
      return op->emitOpError()
             << "per-axis result must be quantized on "
             << "dimension " << channelDim << ", got " << *out.axis;
    if (out.getNumChannels() != weight.getNumChannels())
      return op->emitOpError()
             << "result has " << out.getNumChannels() << " scales but the "
             << weightName << " has " << weight.getNumChannels();
  }
  for (unsigned c = 0, e = out.getNumChannels(); c < e; ++c) {
    double expected = input.getScale() * weight.getScale(c);
    if (!scalesMatch(out.getScale(c), expected))
      return op->emitOpError()
             << "accumulator scale " << out.getScale(c) << " (channel " << c
             << ") must equal the input scale times the " << weightName
             << " scale, " << expected;
  }
  return success();
}

LogicalResult hwq::opverify::verifyMultiplier(Operation *op, StringRef what,
                                              double ratio, int64_t multiplier,
                                              int64_t shift) {
  std::optional<FixedPointMultiplier> expected =
      computeMultiplierAndShift(ratio);
  if (!expected)
    return op->emitOpError()
           << "scale ratio " << ratio << " of " << what
           << " is not representable as a Q31 multiplier with a shift in "
           << "[0, " << kMaxFixedPointShift << "]";
  if (expected->multiplier != multiplier || expected->shift != shift)
    return op->emitOpError()
           << what << " must be (multiplier " << expected->multiplier
           << ", shift " << expected->shift << ") for the scale ratio " << ratio
           << ", got (" << multiplier << ", " << shift << ")";
  return success();
}

std::pair<int64_t, int64_t>
hwq::opverify::getClipRange(const QuantParams &output,
                            std::optional<int64_t> clampMin,
                            std::optional<int64_t> clampMax) {
  int64_t lo = output.storageMin, hi = output.storageMax;
  if (clampMin)
    lo = std::max(lo, *clampMin);
  if (clampMax)
    hi = std::min(hi, *clampMax);
  return {lo, hi};
}

LogicalResult hwq::opverify::verifyClamp(Operation *op,
                                         const QuantParams &output,
                                         std::optional<int64_t> clampMin,
                                         std::optional<int64_t> clampMax) {
  if (clampMin && clampMax && *clampMin > *clampMax)
    return op->emitOpError()
           << "clamp_min " << *clampMin << " exceeds clamp_max " << *clampMax;
  auto [lo, hi] = getClipRange(output, clampMin, clampMax);
  if (lo > hi)
    return op->emitOpError()
           << "fused clamp leaves an empty range: storage range ["
           << output.storageMin << ", " << output.storageMax
           << "] intersected with the clamp is [" << lo << ", " << hi << "]";
  return success();
}

LogicalResult hwq::opverify::verifyBroadcast(Operation *op, RankedTensorType a,
                                             RankedTensorType b,
                                             RankedTensorType out) {
  if (a.getRank() != out.getRank() || b.getRank() != out.getRank())
    return op->emitOpError()
           << "operands and result must have the same rank "
           << "(TOSA broadcasting), got " << a << ", " << b << " and " << out;
  for (int64_t d = 0; d < out.getRank(); ++d) {
    int64_t o = out.getDimSize(d);
    for (RankedTensorType t : {a, b}) {
      int64_t s = t.getDimSize(d);
      if (ShapedType::isDynamic(s) || ShapedType::isDynamic(o) || s == 1 ||
          s == o)
        continue;
      return op->emitOpError() << "dimension " << d << " of operand " << t
                               << " must be 1 or equal the result's " << o;
    }
    // The result dimension must be reached by one of the operands.
    int64_t sa = a.getDimSize(d), sb = b.getDimSize(d);
    if (!ShapedType::isDynamic(o) && !ShapedType::isDynamic(sa) &&
        !ShapedType::isDynamic(sb) && std::max(sa, sb) != o)
      return op->emitOpError() << "result dimension " << d << " must be "
                               << std::max(sa, sb) << ", got " << o;
  }
  return success();
}
