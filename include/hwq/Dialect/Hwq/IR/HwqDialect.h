//===- HwqDialect.h - hwq dialect -------------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_IR_HWQDIALECT_H
#define HWQ_DIALECT_HWQ_IR_HWQDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h.inc"

#endif // HWQ_DIALECT_HWQ_IR_HWQDIALECT_H
