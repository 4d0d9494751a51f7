//===- Passes.td - hwq passes ------------------------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_TD
#define HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def HwqAttachTargetPass : Pass<"hwq-attach-target", "::mlir::ModuleOp"> {
  let summary = "Attach a target description file to the module as #hwq.target";
  let description = [{
    Parses the YAML target description `file` (docs/TargetDescription.md) and
    sets the module's `hwq.target` attribute to the resulting `#hwq.target`.
    `hwq-opt --hwq-target=FILE` runs this pass before any other. Errors in the
    file are reported as `file:line:col: error: ...` and fail the pass.
  }];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"",
           "path of the target description (YAML or JSON)">
  ];
}

def HwqPreparePass : Pass<"hwq-prepare"> {
  let summary = "Fold batch-norm-like scale and shift into convolutions and "
                "matmuls, and canonicalize";
  let description = [{
    Prepares a float TOSA graph for quantization (docs/Passes.md):

    1. `tosa.mul(c, k)` where `c` is a `tosa.conv2d`, `tosa.depthwise_conv2d`
       or `tosa.matmul` with constant weights whose only user is the mul and
       `k` is a constant broadcast along the output channel (shape
       `[1, ..., 1, C]` or all ones) becomes `c` with weights and bias
       multiplied by `k` per output channel.
    2. `tosa.add(c, k)` / `tosa.sub(c, k)` with `c` a conv2d or
       depthwise_conv2d (constant bias, single user) and `k` such a constant
       becomes `c` with bias `+ k` (or `- k`).
    3. The TOSA constant folders (transpose, reciprocal, reductions of
       constants) and canonicalization patterns of TOSA ops run in the same
       greedy rewrite, so weights imported as `transpose(const)` become
       constants.

    Folded values are computed in double and rounded once to the element
    type. Input must be float TOSA with static shapes; other input is
    rejected with a located error.
  }];
  let dependentDialects = ["::mlir::tosa::TosaDialect"];
  let options = [
    Option<"foldBatchNorm", "fold-batch-norm", "bool", /*default=*/"true",
           "fold per-channel mul/add by constants into conv and matmul">,
    Option<"canonicalize", "canonicalize", "bool", /*default=*/"true",
           "also run TOSA canonicalization and constant folding patterns">
  ];
}

def HwqAnnotatePass : Pass<"hwq-annotate", "::mlir::ModuleOp"> {
  let summary = "Decide which edges are quantized from the module's "
                "#hwq.target and insert uncalibrated hwq.sim_quantize";
  let description = [{
    HAGO's topology analysis. Every TOSA op is mapped to an operator kind of
    the target (docs/Passes.md lists the mapping). An op is quantized when the
    target has an integer alternative for its kind and (one of its activation
    inputs is quantized, or the kind has no float alternative, or it is a
    conv2d / depthwise_conv2d / matmul with constant weights whose preferred
    alternative is integer: these start a quantized region even when fed by
    graph inputs). A quantized op uses the first integer alternative whose
    input signedness matches its quantized producers (else the first).

    Inserted `hwq.sim_quantize` ops carry no scale (uncalibrated) and are
    marked `hwq.role = "activation" | "weight" | "output"`. Quantized ops
    get `hwq.kind` and `hwq.config` (the chosen `#hwq.dtype_config`) and
    `hwq.alternative` (its index in the rule). Ops that stay float although
    they read a quantized value get a remark when `remarks` is set.
  }];
  let dependentDialects = ["::hwq::HwqDialect"];
  let options = [
    Option<"perChannel", "per-channel", "bool", /*default=*/"true",
           "quantize weights per output channel where the target allows it">,
    Option<"remarks", "remarks", "bool", /*default=*/"true",
           "emit a remark for each op that stays float at a quantized "
           "boundary">
  ];
}

#endif // HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_TD
