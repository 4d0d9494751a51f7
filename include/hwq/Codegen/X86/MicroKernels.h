//===- MicroKernels.h - x86 int8 micro-kernels ------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The x86 half of the int8 code generator: bufferized packed contractions
// (hwq/Codegen/Common/PackedContraction.h) become register-tiled loop nests
// whose inner step is a 4-byte dot product instruction (vpdpbusd on AVX-512
// VNNI, vpmaddubsw + vpmaddwd on AVX2, portable vector code otherwise).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_X86_MICROKERNELS_H
#define HWQ_CODEGEN_X86_MICROKERNELS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

#include <optional>

namespace hwq {
namespace x86 {

/// The instruction of the 4-byte dot-product step.
enum class DotIsa {
  /// vpdpbusd zmm: 16 x i32 lanes, each += 4 u8 x s8 products.
  Avx512Vnni,
  /// vpmaddubsw + vpmaddwd + vpaddd on ymm: 8 lanes; saturates unless the
  /// operands are bounded (checked per contraction).
  Avx2,
  /// Widening vector multiplies and adds: exact everywhere.
  Generic,
};

/// Parses `avx512-vnni`, `avx2`, `generic`; `auto` gives the host's best.
std::optional<DotIsa> parseDotIsa(llvm::StringRef name);

/// The best DotIsa of the host CPU (LLVM's host feature detection).
DotIsa getHostDotIsa();

/// The output-channel block (`n-block` of hwq-pack-contractions) the
/// micro-kernels of `isa` want.
int64_t getPreferredNBlock(DotIsa isa);

#define GEN_PASS_DECL
#include "hwq/Codegen/X86/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Codegen/X86/Passes.h.inc"

} // namespace x86
} // namespace hwq

#endif // HWQ_CODEGEN_X86_MICROKERNELS_H
