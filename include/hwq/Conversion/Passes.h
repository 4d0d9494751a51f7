//===- Passes.h - hwq conversion passes -------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The lowerings of hwq: realized integer ops to linalg, hwq.sim_quantize to
// linalg, and the f64 widening of float computations. Each conversion lives
// in its own folder and exposes its patterns (see the headers included
// below); the passes are declared in Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CONVERSION_PASSES_H
#define HWQ_CONVERSION_PASSES_H

#include "hwq/Conversion/HwqToLinalg/HwqToLinalg.h"
#include "hwq/Conversion/SimToLinalg/SimToLinalg.h"
#include "hwq/Conversion/WidenFloat/WidenFloat.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace hwq {

#define GEN_PASS_DECL
#include "hwq/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Conversion/Passes.h.inc"

} // namespace hwq

#endif // HWQ_CONVERSION_PASSES_H
