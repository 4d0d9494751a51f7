//===- HwqOps.cpp - hwq operations ------------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace hwq;

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
    return emitOpError("axis ") << *axis << " is out of range for rank "
                                << inputType.getRank();
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
             << channels << " elements (input dimension " << *axis
             << "), got " << type;
  }
  return success();
}

#define GET_OP_CLASSES
#include "hwq/Dialect/Hwq/IR/HwqOps.cpp.inc"
