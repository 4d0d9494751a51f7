//===- HwqDialect.cpp - hwq dialect -----------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace hwq;

#include "hwq/Dialect/Hwq/IR/HwqDialect.cpp.inc"

void HwqDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "hwq/Dialect/Hwq/IR/HwqOps.cpp.inc"
      >();
}

LogicalResult HwqDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  if (attr.getName() == getTargetAttrName()) {
    if (!isa<ModuleOp>(op))
      return op->emitError() << "'" << getTargetAttrName()
                             << "' may only be attached to a builtin.module";
    if (!isa<TargetAttr>(attr.getValue()))
      return op->emitError() << "'" << getTargetAttrName()
                             << "' must be a #hwq.target attribute";
    return success();
  }
  return success();
}
