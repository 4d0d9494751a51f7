//===- Passes.h - hwq pass declarations -------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_H
#define HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_H

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

namespace hwq {

//===----------------------------------------------------------------------===//
// Annotations written by hwq-annotate (docs/Passes.md)
//===----------------------------------------------------------------------===//

/// Discardable attribute on inserted `hwq.sim_quantize` ops: a StringAttr
/// naming the role of the edge (see the role names below).
inline constexpr llvm::StringLiteral kRoleAttrName = "hwq.role";
/// Role of an activation input edge of a quantized op.
inline constexpr llvm::StringLiteral kRoleActivation = "activation";
/// Role of a constant weight edge of a conv2d, depthwise_conv2d or matmul.
inline constexpr llvm::StringLiteral kRoleWeight = "weight";
/// Role of the output edge of an op that produces a new grid (the
/// requantized accumulator of conv2d, matmul, add, mul, avg_pool2d, ...).
inline constexpr llvm::StringLiteral kRoleOutput = "output";
/// Role of a sim_quantize inserted by hwq-exact-sim after a clamp (or pad)
/// on a quantized edge: snaps off-grid bounds onto the input's grid, as the
/// realized integer clamp does.
inline constexpr llvm::StringLiteral kRoleSnap = "snap";
/// Role of a sim_quantize inserted by hwq-exact-sim on an input of a
/// quantized add: the rescale onto hwq.add's intermediate grid.
inline constexpr llvm::StringLiteral kRoleAddInput = "add_input";
/// Role of a sim_quantize inserted by hwq-exact-sim on a concat input whose
/// grid differs from the concat's: an integer requantize onto it.
inline constexpr llvm::StringLiteral kRoleRequantize = "requantize";
/// Discardable StringAttr on annotated TOSA ops: their operator kind.
inline constexpr llvm::StringLiteral kKindAttrName = "hwq.kind";
/// Discardable `#hwq.dtype_config` on quantized ops: the chosen alternative.
inline constexpr llvm::StringLiteral kConfigAttrName = "hwq.config";
/// Discardable i64 attribute on quantized ops: the index of the chosen
/// alternative in the target's rule for the op's kind.
inline constexpr llvm::StringLiteral kAlternativeAttrName = "hwq.alternative";
/// Discardable StringAttr on every `hwq.sim_quantize` hwq-annotate inserts:
/// the stable edge name (docs/Strategy.md): `<node>.in<j>` (j-th activation
/// input of the node that first asked for that grid), `<node>.weight` (conv
/// weight, matmul B) or `<node>.output`. Unique in the module.
inline constexpr llvm::StringLiteral kEdgeAttrName = "hwq.edge";
/// Discardable StringAttr on every op (group root) hwq-annotate maps to an
/// operator kind, quantized or not: `n<K>`, K counting such ops in program
/// order over the module's functions.
inline constexpr llvm::StringLiteral kNodeAttrName = "hwq.node";
/// Discardable StringAttr on a `hwq.sim_quantize`: the threshold method
/// hwq-calibrate uses for this edge (`max`, `percentile`, `kl`, `mse`),
/// overriding its `method` / `weight-method` options. Set by strategies.
inline constexpr llvm::StringLiteral kMethodAttrName = "hwq.method";
/// Discardable f64 FloatAttr on a `hwq.sim_quantize`: the percentile (0,
/// 100] for `hwq.method = "percentile"`, overriding the `percentile` option.
inline constexpr llvm::StringLiteral kPercentileAttrName = "hwq.percentile";

/// Discardable attributes stating the per-channel distribution of an op's
/// result (one f32 per output channel, last dimension): the mean and the
/// standard deviation of a batch norm's output, i.e. its beta and |gamma|.
/// Importers set them where they fold a batch norm (on the conv) or emit one
/// (on its final add); hwq-prepare carries them onto the contraction it
/// folds into, and `hwq-calibrate data-free=true` derives thresholds from
/// them (docs/Strategy.md, "Data-free calibration").
inline constexpr llvm::StringLiteral kBatchNormMeanAttrName = "hwq.bn_mean";
inline constexpr llvm::StringLiteral kBatchNormStdAttrName = "hwq.bn_std";

/// Adds the batch-norm folding patterns of hwq-prepare: per-channel constant
/// `tosa.mul` into conv2d / depthwise_conv2d / matmul weights and bias, and
/// per-channel constant `tosa.add` / `tosa.sub` into conv bias.
void populateFoldBatchNormPatterns(mlir::RewritePatternSet &patterns);

/// The operator kind (docs/Passes.md) of a single TOSA op, or "" when the op
/// has none. Decomposed softmax is recognized by hwq-annotate as a group, not
/// by this function.
llvm::StringRef getTosaOpKind(mlir::Operation *op);

#define GEN_PASS_DECL
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"

} // namespace hwq

#endif // HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_H
