//===- Passes.td - x86 code generation passes --------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_X86_PASSES_TD
#define HWQ_CODEGEN_X86_PASSES_TD

include "mlir/Pass/PassBase.td"

def HwqX86MicroKernelsPass
    : Pass<"hwq-x86-microkernels", "::mlir::func::FuncOp"> {
  let summary = "Replace bufferized packed contractions with x86 int8 "
                "micro-kernels";
  let description = [{
    Runs after bufferization and buffer deallocation. Each
    `hwq.packed_contraction` linalg.generic on memrefs (produced by
    `hwq-pack-contractions` with k-group 4) becomes a loop nest: output
    channel blocks, reduction chunks sized for L1, `MR` output pixels x
    `n-block` channels of vector accumulators held in registers, and a
    4-byte dot-product step chosen by `isa`:

    * `avx512-vnni`: `vpdpbusd` on zmm (`llvm.x86.avx512.vpdpbusd.512`,
      u8 x s8 -> s32, exact);
    * `avx2`: `vpmaddubsw` + `vpmaddwd` on ymm, used only where no pair of
      products can saturate 16 bits (checked on the constant weights and the
      activation range), otherwise `generic`;
    * `generic`: widening multiplies and adds of plain vector ops (exact on
      any host);
    * `auto`: the best of these the host CPU runs.

    Generics whose operands are not contiguous identity-layout memrefs stay
    (they lower to loops and compute the same integers).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect", "::mlir::memref::MemRefDialect",
    "::mlir::LLVM::LLVMDialect"
  ];
  let options = [
    Option<"isa", "isa", "std::string", "\"auto\"",
           "avx512-vnni, avx2, generic or auto (the host's best)">,
  ];
}

#endif // HWQ_CODEGEN_X86_PASSES_TD
