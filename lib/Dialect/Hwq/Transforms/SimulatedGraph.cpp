//===- SimulatedGraph.cpp - reading calibrated simulated graphs -----------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "SimulatedGraph.h"

#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/STLExtras.h"

#include <cstdio>

using namespace mlir;
using namespace hwq;

std::optional<SmallVector<double>> hwq::getConstantFloats(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)) ||
      !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  SmallVector<double> result;
  for (const APFloat &element : attr.getValues<APFloat>()) {
    APFloat copy = element;
    bool losesInfo = false;
    copy.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                 &losesInfo);
    result.push_back(copy.convertToDouble());
  }
  return result;
}

std::optional<SmallVector<int64_t>> hwq::getConstantInts(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)) ||
      !isa<IntegerType>(attr.getElementType()))
    return std::nullopt;
  bool isUnsigned = attr.getElementType().isUnsignedInteger();
  SmallVector<int64_t> result;
  for (const APInt &element : attr.getValues<APInt>())
    result.push_back(isUnsigned ? static_cast<int64_t>(element.getZExtValue())
                                : element.getSExtValue());
  return result;
}

unsigned hwq::getContainerWidth(unsigned bits) {
  return bits <= 8 ? 8 : (bits <= 16 ? 16 : 32);
}

FailureOr<QuantParams> hwq::getSimQuantizeParams(SimQuantizeOp op) {
  if (!op.isCalibrated())
    return op.emitOpError("is not calibrated (no scale and zero point); run "
                          "hwq-calibrate first");
  std::optional<SmallVector<double>> scales = getConstantFloats(op.getScale());
  std::optional<SmallVector<int64_t>> zeroPoints =
      getConstantInts(op.getZeroPoint());
  if (!scales || !zeroPoints)
    return op.emitOpError("needs constant scale and zero_point operands");
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  size_t channels = std::max(scales->size(), zeroPoints->size());
  if (channels > 1) {
    if (!op.getAxis())
      return op.emitOpError("has ")
             << channels << " scales or zero points but no axis";
    int64_t axis = static_cast<int64_t>(*op.getAxis());
    if (axis >= inputType.getRank() ||
        inputType.getDimSize(axis) != static_cast<int64_t>(channels) ||
        (scales->size() != 1 && scales->size() != channels) ||
        (zeroPoints->size() != 1 && zeroPoints->size() != channels))
      return op.emitOpError("scale / zero_point sizes do not match dimension ")
             << axis << " of " << inputType;
  }
  QuantParams params;
  for (size_t c = 0; c < channels; ++c) {
    double scale = (*scales)[scales->size() == 1 ? 0 : c];
    if (!(scale > 0) || !std::isfinite(scale))
      return op.emitOpError("has scale ") << formatReal(scale) << " in channel "
                                          << c << "; scales must be positive";
    params.scales.push_back(scale);
    params.zeroPoints.push_back((*zeroPoints)[zeroPoints->size() == 1 ? 0 : c]);
  }
  if (channels > 1)
    params.axis = static_cast<int32_t>(*op.getAxis());
  unsigned bits = op.getBits();
  params.isSigned = op.getIsSigned();
  params.storageWidth = getContainerWidth(bits);
  params.storageMin =
      integerRangeMin(bits, op.getIsSigned(), op.getNarrowRange());
  params.storageMax = integerRangeMax(bits, op.getIsSigned());
  params.expressedType = inputType.getElementType();
  for (auto [c, zp] : llvm::enumerate(params.zeroPoints))
    if (zp < params.storageMin || zp > params.storageMax)
      return op.emitOpError("zero point ")
             << zp << " of channel " << c << " lies outside the clip range ["
             << params.storageMin << ", " << params.storageMax << "]";
  return params;
}

std::optional<SmallVector<double>> hwq::getAccScales(SimQuantizeOp op) {
  if (!op.getAccScale())
    return std::nullopt;
  return getConstantFloats(op.getAccScale());
}

quant::QuantizedType hwq::getQuantizedType(const QuantParams &params,
                                           Location loc) {
  MLIRContext *context = loc.getContext();
  auto storageType = IntegerType::get(context, params.storageWidth);
  unsigned flags = params.isSigned ? quant::QuantizationFlags::Signed : 0;
  auto emitError = [&]() { return mlir::emitError(loc); };
  if (!params.isSigned && params.storageWidth >= 32) {
    emitError() << "unsigned edges wider than 16 bits cannot be realized";
    return {};
  }
  if (params.axis)
    return quant::UniformQuantizedPerAxisType::getChecked(
        emitError, flags, storageType, params.expressedType, params.scales,
        params.zeroPoints, *params.axis, params.storageMin, params.storageMax);
  return quant::UniformQuantizedType::getChecked(
      emitError, flags, storageType, params.expressedType,
      params.scales.front(), params.zeroPoints.front(), params.storageMin,
      params.storageMax);
}

bool hwq::isSameGrid(const QuantParams &a, const QuantParams &b) {
  return a.scales == b.scales && a.zeroPoints == b.zeroPoints &&
         a.axis == b.axis && a.storageMin == b.storageMin &&
         a.storageMax == b.storageMax && a.isSigned == b.isSigned &&
         a.storageWidth == b.storageWidth;
}

bool hwq::isQuantizedOp(Operation *op) {
  return op && op->hasAttr(kConfigAttrName);
}

StringRef hwq::getOpKindAttr(Operation *op) {
  if (auto kind = op->getAttrOfType<StringAttr>(kKindAttrName))
    return kind.getValue();
  return "";
}

bool hwq::isGridPassThrough(Operation *op) {
  return isQuantizedOp(op) &&
         llvm::is_contained(
             {"clamp", "reshape", "transpose", "max_pool2d", "pad", "concat"},
             getOpKindAttr(op));
}

SimQuantizeOp hwq::getGridDefiningOp(Value value) {
  while (value) {
    Operation *def = value.getDefiningOp();
    if (!def)
      return {};
    if (auto sim = dyn_cast<SimQuantizeOp>(def))
      return sim;
    if (!isGridPassThrough(def) || def->getNumOperands() == 0)
      return {};
    value = def->getOperand(0);
  }
  return {};
}

Value hwq::createF32Constant(OpBuilder &builder, Location loc,
                             ArrayRef<double> values) {
  auto f32 = builder.getF32Type();
  RankedTensorType type =
      values.size() == 1
          ? RankedTensorType::get({}, f32)
          : RankedTensorType::get({static_cast<int64_t>(values.size())}, f32);
  SmallVector<float> floats;
  for (double v : values)
    floats.push_back(static_cast<float>(v));
  return arith::ConstantOp::create(
      builder, loc, type,
      DenseElementsAttr::get(type, ArrayRef<float>(floats)));
}

int64_t hwq::getChannelOf(int64_t index, ArrayRef<int64_t> shape,
                          std::optional<int32_t> axis) {
  if (!axis)
    return 0;
  int64_t inner = 1;
  for (int64_t d = *axis + 1, e = shape.size(); d < e; ++d)
    inner *= shape[d];
  return (index / inner) % shape[*axis];
}

SmallVector<int64_t> hwq::quantizeValues(ArrayRef<double> values,
                                         ArrayRef<int64_t> shape,
                                         const QuantParams &params,
                                         RoundingMode rounding) {
  SmallVector<int64_t> result;
  result.reserve(values.size());
  for (auto [i, x] : llvm::enumerate(values)) {
    int64_t c = getChannelOf(i, shape, params.axis);
    result.push_back(quantizeReal(x, params.getScale(c), params.getZeroPoint(c),
                                  params.storageMin, params.storageMax,
                                  rounding));
  }
  return result;
}

std::string hwq::formatReal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.9g", value);
  return buffer;
}
