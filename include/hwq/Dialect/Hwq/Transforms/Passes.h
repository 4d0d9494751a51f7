//===- Passes.h - hwq pass declarations -------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_H
#define HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_H

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace hwq {

#define GEN_PASS_DECL
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"

} // namespace hwq

#endif // HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_H
