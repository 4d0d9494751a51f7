//===- Passes.td - ARM code generation passes --------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_ARM_PASSES_TD
#define HWQ_CODEGEN_ARM_PASSES_TD

include "mlir/Pass/PassBase.td"

def HwqArmPackContractionsPass
    : Pass<"hwq-arm-pack-contractions", "::mlir::func::FuncOp"> {
  let summary = "Rewrite realized int8 contractions into packed linalg.mmt4d "
                "for the AArch64 micro-kernels";
  let description = [{
    Runs on linalg over tensors, after `hwq-convert-realized-to-linalg`.
    Rewrites every `linalg.conv_2d_nhwc_fhwc_q` and every fully connected
    contraction (`linalg.generic` over `[rows, OC, K]` with the body that
    hwq-convert-realized-to-linalg writes) whose operands are i8, whose
    weights are a constant and whose weight zero point is 0 (symmetric
    weights, as every arm-* target asks for) into:

    * the input zero point folded into the accumulator init:
      `acc = init[m, n] - z_x * sum_k w[n, k] + sum_k x[m, k] * w[n, k]`,
      the weight sums computed at compile time (exact modulo 2^32, like the
      i32 accumulator itself);
    * the activations as `[M, K]` (im2col for convolutions that are not
      1x1 with stride 1), padded with zeros and packed to `[M1, K1, M0, K0]`;
    * the weights packed at compile time to `[N1, K1, N0, K0]` (a new
      constant; padding with zeros);
    * `linalg.mmt4d`, then the unpacking and the correction above.

    Tile shapes per kernel: `i8mm` and `sve` M0 = N0 = 2, K0 = 8 (the 2x8 by
    8x2 blocks of smmla); `dotprod` and `neon` M0 = min(M, 8), N0 = 4,
    K0 = 4 (sdot's groups of four). M1 and N1 are padded to a multiple of
    the register blocking of `hwq-arm-lower-mmt4d`.

    `linalg.depthwise_conv_2d_nhwc_hwcm_q` with one output per channel and
    the same operand conditions gets the same correction and becomes a
    `linalg.generic` over `(n, oh, ow, kh, kw, c)` (channels innermost, for
    LLVM's vectorizer). Contractions that do not match (other widths,
    unsigned operands widened to i32, non-constant or asymmetric weights,
    channel multipliers, batch matmul) keep the plain lowering.
  }];
  let options = [
    Option<"kernel", "kernel", "std::string", /*default=*/"\"i8mm\"",
           "Micro-kernel: neon, dotprod, i8mm or sve">
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect"
  ];
}

def HwqArmLowerMmt4dPass
    : Pass<"hwq-arm-lower-mmt4d", "::mlir::func::FuncOp"> {
  let summary = "Lower int8 linalg.mmt4d on memrefs to AArch64 micro-kernels "
                "(sdot, smmla, SVE smmla, plain NEON)";
  let description = [{
    Runs after bufferization on `linalg.mmt4d` ops with i8 operands and an i32
    accumulator whose tile shapes (M0, N0, K0) are those of
    `hwq-arm-pack-contractions` for the kernel, and whose memrefs have the
    identity layout. Each becomes loops over register blocks of the packed
    operands with vectors of the accumulator held across the K loop:

    * `i8mm`: `arm_neon.intr.smmla` on 2x2 blocks, 4x4 blocks per step;
    * `sve`: `arm_sve.smmla` on scalable vectors, each 128-bit segment of a
      vector working on another 8-deep slice of K (vector-length agnostic;
      the tail of K under a `vector.create_mask`), the segments summed at the
      end of the K loop;
    * `dotprod`: `arm_neon.intr.sdot` of a packed 4x4 weight block with four
      copies of an activation quadruple, per row of the M0 tile;
    * `neon`: the same data flow with widening multiplies (i8 x i8 -> i16,
      exact) and additions, no dot product instruction.

    Other `linalg.mmt4d` ops are left alone (they lower to loops).
  }];
  let options = [
    Option<"kernel", "kernel", "std::string", /*default=*/"\"i8mm\"",
           "Micro-kernel: neon, dotprod, i8mm or sve">
  ];
  let dependentDialects = [
    "::mlir::arm_neon::ArmNeonDialect", "::mlir::arm_sve::ArmSVEDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::vector::VectorDialect", "::mlir::scf::SCFDialect",
    "::mlir::memref::MemRefDialect", "::mlir::arith::ArithDialect"
  ];
}

#endif // HWQ_CODEGEN_ARM_PASSES_TD
