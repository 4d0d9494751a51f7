//===- PackedContraction.h - target-independent contraction prep -*- C++ -*-=//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The target-independent half of the int8 code generators: a realized
// hwq.conv2d or hwq.fully_connected with constant symmetric 8-bit weights and
// an i32 accumulator becomes one "packed contraction", a linalg.generic that
// dot-product instructions (x86 vpdpbusd / AMX, Arm sdot / smmla, NVIDIA
// dp4a / mma) can run without any zero-point work at run time:
//
//   acc[n, oh, ow, ob, oi] = init[...] + sum over (kh, kw, cg, ci) of
//       ext(x'[n, oh*sh + kh*dh, ow*sw + kw*dw, cg*G + ci])
//         * sext(w'[ob, kh, kw, cg, oi, ci])
//
// * w' is the weight constant packed at compile time: output channels in
//   blocks of `nBlock` (zero-padded), the reduction over input channels in
//   groups of `kGroup` (zero-padded): each (ob, kh, kw, cg) is one contiguous
//   nBlock x kGroup block, the operand layout of the instructions above.
// * x' is the activation with its stored integers shifted by `delta`
//   (0, or +-128 through `xor 0x80`, to turn s8 into u8 or back), padded
//   spatially with the shifted zero point and on channels up to the group.
// * Zero points are folded at compile time: with symmetric weights
//     sum (x - zx) * w = sum (x + delta) * w - (zx + delta) * colsum(w)
//   so the correction `-(zx + delta) * colsum(w)[o]` is added to the bias
//   constant (or to the bias tensor when it is not a constant); padded taps
//   hold `zx + delta` and contribute exactly 0 after the correction.
//
// The generic carries the attribute `hwq.packed_contraction` (a dictionary,
// see PackedContractionInfo) so that target passes can recognize it after
// bufferization and replace it with their micro-kernels; left alone, it
// lowers to plain loops and computes the same integers.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CODEGEN_COMMON_PACKEDCONTRACTION_H
#define HWQ_CODEGEN_COMMON_PACKEDCONTRACTION_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <optional>

namespace hwq {
namespace codegen {

/// Signedness of the activation operand after the shift.
enum class LhsSignedness {
  /// u8 (x86 vpdpbusd / AMX tdpbusd): s8 activations are shifted by +128.
  Unsigned,
  /// s8 (Arm sdot / smmla, dp4a.s32.s32): u8 activations are shifted by -128.
  Signed,
  /// Keep the stored integers (delta = 0).
  Keep,
};

/// Layout parameters of the packing.
struct PackingOptions {
  /// Reduction elements per group (4 for vpdpbusd / sdot / dp4a, 8 for smmla).
  int64_t kGroup = 4;
  /// Output channels per block (the micro-kernel's register width).
  int64_t nBlock = 64;
  /// Output channel blocks are rounded up to a multiple of this when the
  /// layer has fewer than `nBlock` channels.
  int64_t nAlign = 16;
  LhsSignedness lhs = LhsSignedness::Unsigned;
};

/// The name of the marker attribute of a packed contraction generic.
inline constexpr llvm::StringLiteral kPackedContractionAttrName =
    "hwq.packed_contraction";

/// The marker of the channel-innermost depthwise generic (packDepthwise).
inline constexpr llvm::StringLiteral kDepthwiseAttrName = "hwq.depthwise";

/// What a target pass needs to know about a packed contraction generic (the
/// shapes come from its operands): operand 0 is x' [N, Hp, Wp, Cp], operand 1
/// w' [NB, KH, KW, Cg, nBlock, kGroup], the init/result is
/// [N, OH, OW, NB, nBlock] of i32.
struct PackedContractionInfo {
  int64_t strideH = 1, strideW = 1;
  int64_t dilationH = 1, dilationW = 1;
  int64_t kGroup = 4;
  int64_t nBlock = 64;
  /// Whether x' is extended as unsigned (u8) or signed (s8).
  bool lhsUnsigned = true;
  /// The range of the stored integers of x' (after the shift).
  int64_t lhsMin = 0, lhsMax = 255;

  /// The attribute that encodes this info.
  mlir::DictionaryAttr toAttr(mlir::MLIRContext *context) const;
  /// Decodes `op`'s marker attribute; std::nullopt when absent or malformed.
  static std::optional<PackedContractionInfo> get(mlir::Operation *op);
};

/// Rewrites `op` (hwq.conv2d or hwq.fully_connected) into a packed
/// contraction. Fails without changing anything when `op` is not a
/// candidate: weights not constant, not symmetric or not 8-bit, activation
/// storage wider than 8 bits, an accumulator narrower than 32 bits, dynamic
/// shapes. The result feeds the op's users through quant.scast.
mlir::LogicalResult packContraction(mlir::RewriterBase &rewriter,
                                    mlir::Operation *op,
                                    const PackingOptions &options);

/// The float counterpart: rewrites an f32 tosa.conv2d (constant weights,
/// zero zero-points) or tosa.matmul (batch 1, constant B) into a packed
/// contraction with k-group 1 (weights [NB, KH, KW, C, nBlock, 1], input
/// padded with 0.0, bias in the init), for FMA micro-kernels: the fp32
/// baseline gets the same packing and tiling as the int8 path.
mlir::LogicalResult packFloatContraction(mlir::RewriterBase &rewriter,
                                         mlir::Operation *op,
                                         const PackingOptions &options);

/// Rewrites hwq.depthwise_conv2d (channel multiplier 1, constant symmetric
/// 8-bit weights, i32 accumulator; the input zero point folded into the
/// bias) or an f32 tosa.depthwise_conv2d (multiplier 1, zero zero-points)
/// into a linalg.generic over (n, oh, ow, kh, kw, c) with the channels
/// innermost, marked `hwq.depthwise`: its loops vectorize over channels.
mlir::LogicalResult packDepthwise(mlir::RewriterBase &rewriter,
                                  mlir::Operation *op);

/// Adds the pattern behind packContraction to `patterns`.
void populatePackContractionPatterns(mlir::RewritePatternSet &patterns,
                                     const PackingOptions &options);

/// The control function for linalg elementwise fusion that keeps producers
/// out of packed contractions (their operands must stay plain tensors for
/// the micro-kernels); otherwise the upstream default (single-use producer).
bool shouldFuseIntoConsumer(mlir::OpOperand *fusedOperand);

#define GEN_PASS_DECL
#include "hwq/Codegen/Common/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Codegen/Common/Passes.h.inc"

} // namespace codegen
} // namespace hwq

#endif // HWQ_CODEGEN_COMMON_PACKEDCONTRACTION_H
