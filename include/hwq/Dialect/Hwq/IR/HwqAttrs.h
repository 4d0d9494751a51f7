//===- HwqAttrs.h - hwq attributes ------------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_IR_HWQATTRS_H
#define HWQ_DIALECT_HWQ_IR_HWQATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"

#include "hwq/Dialect/Hwq/IR/HwqEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "hwq/Dialect/Hwq/IR/HwqAttrs.h.inc"

#endif // HWQ_DIALECT_HWQ_IR_HWQATTRS_H
