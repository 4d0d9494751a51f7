//===- HwqOps.cpp - hwq operations ------------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "OpVerification.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::opverify;

//===----------------------------------------------------------------------===//
// SimQuantizeOp
//===----------------------------------------------------------------------===//

int64_t SimQuantizeOp::getQMin() {
  if (!getIsSigned())
    return 0;
  return -(int64_t(1) << (getBits() - 1)) + (getNarrowRange() ? 1 : 0);
}

int64_t SimQuantizeOp::getQMax() {
  if (!getIsSigned())
    return (int64_t(1) << getBits()) - 1;
  return (int64_t(1) << (getBits() - 1)) - 1;
}

LogicalResult SimQuantizeOp::verify() {
  if (static_cast<bool>(getScale()) != static_cast<bool>(getZeroPoint()))
    return emitOpError("requires scale and zero_point together");
  if (getAccScale() && !isCalibrated())
    return emitOpError("acc_scale requires scale and zero_point");
  if (getNarrowRange() && !getIsSigned())
    return emitOpError("narrow_range requires is_signed");
  auto inputType = cast<RankedTensorType>(getInput().getType());
  std::optional<uint64_t> axis = getAxis();
  if (axis && static_cast<int64_t>(*axis) >= inputType.getRank())
    return emitOpError("axis ")
           << *axis << " is out of range for rank " << inputType.getRank();
  if (!isCalibrated())
    return success();
  for (Value param : {getScale(), getZeroPoint(), getAccScale()}) {
    if (!param)
      continue;
    auto type = cast<RankedTensorType>(param.getType());
    if (type.getRank() > 1)
      return emitOpError("quantization parameters must be rank 0 or 1, got ")
             << type;
    if (type.hasStaticShape() && type.getNumElements() == 1)
      continue;
    if (!axis)
      return emitOpError("quantization parameters with other than one "
                         "element need an axis, got ")
             << type;
    int64_t channels = inputType.getDimSize(*axis);
    if (type.getRank() != 1 ||
        (!ShapedType::isDynamic(channels) && !type.isDynamicDim(0) &&
         type.getDimSize(0) != channels))
      return emitOpError("per-axis quantization parameters need ")
             << channels << " elements (input dimension " << *axis << "), got "
             << type;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeOp / DequantizeOp
//===----------------------------------------------------------------------===//

/// Shared checks of quantize and dequantize: `floatType` is the float side,
/// `quantType` the quantized side.
static LogicalResult verifyQuantizeLike(Operation *op, Value floatValue,
                                        Value quantValue, StringRef quantName) {
  auto floatType = cast<RankedTensorType>(floatValue.getType());
  auto quantType = cast<RankedTensorType>(quantValue.getType());
  if (failed(verifyCompatibleShape(floatType.getShape(), quantType.getShape())))
    return op->emitOpError() << "input and output must have the same shape, "
                             << "got " << op->getOperand(0).getType() << " and "
                             << op->getResult(0).getType();
  FailureOr<QuantParams> params = getParams(op, quantValue, quantName);
  if (failed(params))
    return failure();
  if (params->expressedType != floatType.getElementType())
    return op->emitOpError()
           << "expressed type " << params->expressedType << " of the "
           << quantName << " must be the float element type "
           << floatType.getElementType();
  return verifyPerAxisFits(op, quantName, quantType, *params);
}

LogicalResult QuantizeOp::verify() {
  return verifyQuantizeLike(*this, getInput(), getOutput(), "output");
}

LogicalResult DequantizeOp::verify() {
  return verifyQuantizeLike(*this, getOutput(), getInput(), "input");
}

//===----------------------------------------------------------------------===//
// RequantizeOp
//===----------------------------------------------------------------------===//

void RequantizeOp::build(OpBuilder &builder, OperationState &state,
                         Type outputType, Value input,
                         std::optional<int64_t> clampMin,
                         std::optional<int64_t> clampMax) {
  SmallVector<int32_t> multipliers{0}, shifts{0};
  std::optional<int64_t> axis;
  FailureOr<QuantParams> in = getQuantParams(input.getType());
  FailureOr<QuantParams> out = getQuantParams(outputType);
  if (succeeded(in) && succeeded(out)) {
    std::optional<int32_t> quantAxis = in->isPerAxis() ? in->axis : out->axis;
    unsigned channels = 1;
    if (quantAxis) {
      axis = *quantAxis;
      channels = in->isPerAxis() ? in->getNumChannels() : out->getNumChannels();
    }
    FailureOr<SmallVector<FixedPointMultiplier>> fixed =
        computeRequantizeMultipliers(*in, *out, channels);
    if (succeeded(fixed)) {
      multipliers.clear();
      shifts.clear();
      for (FixedPointMultiplier m : *fixed) {
        multipliers.push_back(m.multiplier);
        shifts.push_back(m.shift);
      }
      // One entry when every channel has the same constants.
      if (llvm::all_equal(multipliers) && llvm::all_equal(shifts)) {
        multipliers.resize(1);
        shifts.resize(1);
      }
    }
  }
  IntegerAttr axisAttr =
      axis ? builder.getI64IntegerAttr(*axis) : IntegerAttr();
  IntegerAttr minAttr =
      clampMin ? builder.getI64IntegerAttr(*clampMin) : IntegerAttr();
  IntegerAttr maxAttr =
      clampMax ? builder.getI64IntegerAttr(*clampMax) : IntegerAttr();
  build(builder, state, outputType, input,
        builder.getDenseI32ArrayAttr(multipliers),
        builder.getDenseI32ArrayAttr(shifts), axisAttr, minAttr, maxAttr);
}

int64_t RequantizeOp::getClipMin() {
  FailureOr<QuantParams> out = getQuantParams(getOutput().getType());
  if (failed(out))
    return 0;
  return getClipRange(*out, getClampMin(), getClampMax()).first;
}

int64_t RequantizeOp::getClipMax() {
  FailureOr<QuantParams> out = getQuantParams(getOutput().getType());
  if (failed(out))
    return 0;
  return getClipRange(*out, getClampMin(), getClampMax()).second;
}

LogicalResult RequantizeOp::verify() {
  auto inType = cast<RankedTensorType>(getInput().getType());
  auto outType = cast<RankedTensorType>(getOutput().getType());
  // 1. Same shape.
  if (failed(verifyCompatibleShape(inType.getShape(), outType.getShape())))
    return emitOpError() << "input and output must have the same shape, got "
                         << inType << " and " << outType;
  FailureOr<QuantParams> in = getParams(*this, getInput(), "input");
  FailureOr<QuantParams> out = getParams(*this, getOutput(), "output");
  if (failed(in) || failed(out))
    return failure();
  // 2. Expressed types, per-axis shapes.
  if (failed(verifySameExpressedType(*this, {&*in, &*out})) ||
      failed(verifyPerAxisFits(*this, "input", inType, *in)) ||
      failed(verifyPerAxisFits(*this, "output", outType, *out)))
    return failure();
  // 3. axis.
  std::optional<int32_t> quantAxis = in->isPerAxis() ? in->axis : out->axis;
  if (in->isPerAxis() && out->isPerAxis() && *in->axis != *out->axis)
    return emitOpError() << "input and output are per-axis on different "
                         << "dimensions (" << *in->axis << " and " << *out->axis
                         << ")";
  std::optional<int64_t> axis = getAxis();
  if (quantAxis && !axis)
    return emitOpError() << "requires 'axis' = " << *quantAxis
                         << " because the input or output is per-axis";
  if (!quantAxis && axis)
    return emitOpError() << "'axis' requires a per-axis input or output";
  if (axis && *axis != *quantAxis)
    return emitOpError() << "'axis' " << *axis
                         << " must equal the quantized dimension "
                         << *quantAxis;
  // 4. Array sizes.
  ArrayRef<int32_t> multipliers = getMultiplier();
  ArrayRef<int32_t> shifts = getShift();
  unsigned channels = 1;
  if (quantAxis)
    channels = in->isPerAxis() ? in->getNumChannels() : out->getNumChannels();
  if (multipliers.size() != shifts.size())
    return emitOpError() << "'multiplier' and 'shift' must have the same "
                         << "number of elements, got " << multipliers.size()
                         << " and " << shifts.size();
  if (multipliers.size() != 1 && multipliers.size() != channels)
    return emitOpError() << "'multiplier' and 'shift' must have 1 or "
                         << channels << " elements, got " << multipliers.size();
  // 5. Ranges.
  for (auto [m, n] : llvm::zip_equal(multipliers, shifts)) {
    if (n < 0 || n > kMaxFixedPointShift)
      return emitOpError() << "shift " << n << " is outside [0, "
                           << kMaxFixedPointShift << "]";
    if (m < 0)
      return emitOpError() << "multiplier " << m << " is outside [0, 2^31)";
  }
  // 6. Constants pinned by the scales.
  for (unsigned c = 0; c < channels; ++c) {
    size_t index = multipliers.size() == 1 ? 0 : c;
    std::string what =
        channels == 1 ? std::string("requantize multiplier")
                      : "requantize multiplier of channel " + std::to_string(c);
    if (failed(verifyMultiplier(*this, what, in->getScale(c) / out->getScale(c),
                                multipliers[index], shifts[index])))
      return failure();
  }
  // 7. Clamp.
  return verifyClamp(*this, *out, getClampMin(), getClampMax());
}

//===----------------------------------------------------------------------===//
// AddOp / MulOp
//===----------------------------------------------------------------------===//

/// Reads and checks the three per-tensor operands of a binary elementwise op.
static LogicalResult getBinaryParams(Operation *op, Value a, Value b, Value out,
                                     QuantParams &pa, QuantParams &pb,
                                     QuantParams &po) {
  FailureOr<QuantParams> ma = getParams(op, a, "operand 'a'");
  FailureOr<QuantParams> mb = getParams(op, b, "operand 'b'");
  FailureOr<QuantParams> mo = getParams(op, out, "result");
  if (failed(ma) || failed(mb) || failed(mo))
    return failure();
  pa = *ma;
  pb = *mb;
  po = *mo;
  if (failed(verifyPerTensor(op, "operand 'a'", pa)) ||
      failed(verifyPerTensor(op, "operand 'b'", pb)) ||
      failed(verifyPerTensor(op, "result", po)) ||
      failed(verifySameExpressedType(op, {&pa, &pb, &po})))
    return failure();
  return verifyBroadcast(op, cast<RankedTensorType>(a.getType()),
                         cast<RankedTensorType>(b.getType()),
                         cast<RankedTensorType>(out.getType()));
}

void AddOp::build(OpBuilder &builder, OperationState &state, Type outputType,
                  Value a, Value b, std::optional<int32_t> intermediateShift,
                  std::optional<int64_t> clampMin,
                  std::optional<int64_t> clampMax) {
  FixedPointMultiplier ma, mb, mo;
  int32_t k = intermediateShift.value_or(0);
  FailureOr<QuantParams> pa = getQuantParams(a.getType());
  FailureOr<QuantParams> pb = getQuantParams(b.getType());
  FailureOr<QuantParams> po = getQuantParams(outputType);
  if (succeeded(pa) && succeeded(pb) && succeeded(po)) {
    if (!intermediateShift)
      k = chooseAddIntermediateShift(*pa, *pb);
    double si = getAddIntermediateScale(pa->getScale(), pb->getScale(), k);
    ma = computeMultiplierAndShift(pa->getScale() / si).value_or(ma);
    mb = computeMultiplierAndShift(pb->getScale() / si).value_or(mb);
    mo = computeMultiplierAndShift(si / po->getScale()).value_or(mo);
  }
  IntegerAttr minAttr =
      clampMin ? builder.getI64IntegerAttr(*clampMin) : IntegerAttr();
  IntegerAttr maxAttr =
      clampMax ? builder.getI64IntegerAttr(*clampMax) : IntegerAttr();
  build(builder, state, outputType, a, b, k, ma.multiplier, ma.shift,
        mb.multiplier, mb.shift, mo.multiplier, mo.shift, minAttr, maxAttr);
}

LogicalResult AddOp::verify() {
  QuantParams pa, pb, po;
  if (failed(getBinaryParams(*this, getA(), getB(), getOutput(), pa, pb, po)))
    return failure();
  int32_t k = getIntermediateShift();
  if (k < 0 || k > 30)
    return emitOpError() << "'intermediate_shift' must be in [0, 30], got "
                         << k;
  double si = getAddIntermediateScale(pa.getScale(), pb.getScale(), k);
  if (failed(verifyMultiplier(*this, "rescale of operand 'a'",
                              pa.getScale() / si, getMultiplierA(),
                              getShiftA())) ||
      failed(verifyMultiplier(*this, "rescale of operand 'b'",
                              pb.getScale() / si, getMultiplierB(),
                              getShiftB())) ||
      failed(verifyMultiplier(*this, "output rescale", si / po.getScale(),
                              getMultiplierOut(), getShiftOut())))
    return failure();
  // 5. The rescaled inputs and their sum fit in 32 bits.
  auto bound = [](const QuantParams &p, int32_t m, int32_t n) -> __int128 {
    // +1: rounding half up may add one unit to a negative value's magnitude.
    return static_cast<__int128>(
               roundingMultiplyByQ31(p.getMaxCenteredMagnitude(), m, n)) +
           1;
  };
  __int128 total = bound(pa, getMultiplierA(), getShiftA()) +
                   bound(pb, getMultiplierB(), getShiftB());
  if (total >= (static_cast<__int128>(1) << 31))
    return emitOpError() << "intermediate_shift " << k
                         << " lets the rescaled sum reach 2^31; choose a "
                         << "smaller intermediate_shift";
  return verifyClamp(*this, po, getClampMin(), getClampMax());
}

void MulOp::build(OpBuilder &builder, OperationState &state, Type outputType,
                  Value a, Value b, std::optional<int64_t> clampMin,
                  std::optional<int64_t> clampMax) {
  FixedPointMultiplier m;
  FailureOr<QuantParams> pa = getQuantParams(a.getType());
  FailureOr<QuantParams> pb = getQuantParams(b.getType());
  FailureOr<QuantParams> po = getQuantParams(outputType);
  if (succeeded(pa) && succeeded(pb) && succeeded(po))
    m = computeMultiplierAndShift(productScale(pa->getScale(), pb->getScale()) /
                                  po->getScale())
            .value_or(m);
  IntegerAttr minAttr =
      clampMin ? builder.getI64IntegerAttr(*clampMin) : IntegerAttr();
  IntegerAttr maxAttr =
      clampMax ? builder.getI64IntegerAttr(*clampMax) : IntegerAttr();
  build(builder, state, outputType, a, b, m.multiplier, m.shift, minAttr,
        maxAttr);
}

LogicalResult MulOp::verify() {
  QuantParams pa, pb, po;
  if (failed(getBinaryParams(*this, getA(), getB(), getOutput(), pa, pb, po)))
    return failure();
  double accScale = productScale(pa.getScale(), pb.getScale());
  if (failed(verifyMultiplier(*this, "output rescale", accScale / po.getScale(),
                              getMultiplier(), getShift())))
    return failure();
  return verifyClamp(*this, po, getClampMin(), getClampMax());
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "requires at least one input";
  auto outType = cast<RankedTensorType>(getOutput().getType());
  FailureOr<QuantParams> out = getParams(*this, getOutput(), "result");
  if (failed(out) || failed(verifyPerTensor(*this, "result", *out)))
    return failure();
  int64_t rank = outType.getRank();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  int64_t axisSum = 0;
  bool axisDynamic = false;
  for (auto [index, input] : llvm::enumerate(getInputs())) {
    auto type = cast<RankedTensorType>(input.getType());
    if (type.getElementType() != outType.getElementType())
      return emitOpError()
             << "input " << index << " has element type "
             << type.getElementType() << " but the result has "
             << outType.getElementType()
             << "; requantize inputs onto the result's grid first";
    if (type.getRank() != rank)
      return emitOpError() << "input " << index << " must have rank " << rank
                           << ", got " << type;
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      if (failed(verifyDimsAgree(*this,
                                 "dimension " + std::to_string(d) +
                                     " of input " + std::to_string(index) +
                                     " and the result",
                                 type.getDimSize(d), outType.getDimSize(d))))
        return failure();
    }
    if (type.isDynamicDim(axis))
      axisDynamic = true;
    else
      axisSum += type.getDimSize(axis);
  }
  if (!axisDynamic && !outType.isDynamicDim(axis) &&
      outType.getDimSize(axis) != axisSum)
    return emitOpError() << "result dimension " << axis << " must be "
                         << axisSum << " (the sum of the inputs'), got "
                         << outType.getDimSize(axis);
  return success();
}

#define GET_OP_CLASSES
#include "hwq/Dialect/Hwq/IR/HwqOps.cpp.inc"
