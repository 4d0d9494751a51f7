//===- Constants.cpp - constant ops in the reference evaluator ------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// arith.constant (dense tensors and scalars), tosa.const and
// tosa.const_shape. A !tosa.shape value is a rank-1 tensor of index values.
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"

using namespace mlir;
using namespace hwq::ref;
using namespace hwq::ref::interp;

static LogicalResult evalArithConstant(arith::ConstantOp op, Frame &frame) {
  Attribute value = op.getValue();
  if (auto elements = dyn_cast<ElementsAttr>(value)) {
    FailureOr<RefTensor> tensor = tensorFromAttr(op, elements);
    if (failed(tensor))
      return failure();
    return frame.setResult(op, op.getResult(), std::move(*tensor));
  }
  // Scalars are rank-0 tensors.
  if (auto floatAttr = dyn_cast<FloatAttr>(value)) {
    RefTensor tensor = RefTensor::zeros(floatAttr.getType(), {});
    tensor.floats[0] = floatAttr.getValueAsDouble();
    return frame.setResult(op, op.getResult(), std::move(tensor));
  }
  if (auto intAttr = dyn_cast<IntegerAttr>(value)) {
    std::optional<IntFormat> format = getIntFormat(intAttr.getType());
    if (!format)
      return op.emitOpError() << "reference evaluator does not support "
                              << intAttr.getType() << " constants";
    RefTensor tensor = RefTensor::zeros(intAttr.getType(), {});
    const APInt &bits = intAttr.getValue();
    tensor.ints[0] = format->isUnsigned
                         ? static_cast<int64_t>(bits.getZExtValue())
                         : bits.getSExtValue();
    return frame.setResult(op, op.getResult(), std::move(tensor));
  }
  return op.emitOpError() << "reference evaluator does not support this "
                             "constant value";
}

static LogicalResult evalTosaConst(tosa::ConstOp op, Frame &frame) {
  FailureOr<RefTensor> tensor = tensorFromAttr(op, op.getValues());
  if (failed(tensor))
    return failure();
  // The result may give a quantized view of integer values.
  Type resultElement = getResultElementType(op);
  if (isa<FloatType>(resultElement) != tensor->isFloat())
    return op.emitOpError()
           << "constant values of type " << tensor->elementType
           << " cannot become a result of element type " << resultElement;
  return frame.setResult(op, op.getResult(), std::move(*tensor));
}

static LogicalResult evalTosaConstShape(tosa::ConstShapeOp op, Frame &frame) {
  FailureOr<RefTensor> tensor = tensorFromAttr(op, op.getValues());
  if (failed(tensor))
    return failure();
  tensor->elementType = IndexType::get(op.getContext());
  return frame.setResult(op, op.getResult(), std::move(*tensor));
}

void interp::registerConstantEvaluators(OpEvaluatorRegistry &registry) {
  registry.add<arith::ConstantOp>(evalArithConstant);
  registry.add<tosa::ConstOp>(evalTosaConst);
  registry.add<tosa::ConstShapeOp>(evalTosaConstShape);
}
