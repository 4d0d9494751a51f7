//===- Passes.h - strategy and search passes --------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SEARCH_PASSES_H
#define HWQ_SEARCH_PASSES_H

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace hwq {

#define GEN_PASS_DECL
#include "hwq/Search/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Search/Passes.h.inc"

} // namespace hwq

#endif // HWQ_SEARCH_PASSES_H
