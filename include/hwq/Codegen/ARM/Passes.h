//===- Passes.h - ARM code generation passes --------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The AArch64 code generator's passes (declared in Passes.td): packing of
// realized int8 contractions into linalg.mmt4d, and the micro-kernels that
// lower it (sdot, smmla, SVE smmla, plain NEON).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_ARM_PASSES_H
#define HWQ_CODEGEN_ARM_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ArmNeon/ArmNeonDialect.h"
#include "mlir/Dialect/ArmSVE/IR/ArmSVEDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace hwq {

#define GEN_PASS_DECL
#include "hwq/Codegen/ARM/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Codegen/ARM/Passes.h.inc"

} // namespace hwq

#endif // HWQ_CODEGEN_ARM_PASSES_H
