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

def HwqCalibratePass : Pass<"hwq-calibrate", "::mlir::ModuleOp"> {
  let summary = "Choose scale and zero point of every hwq.sim_quantize from "
                "statistics of the float model on calibration data";
  let description = [{
    Runs the annotated function with the reference evaluator on the samples
    `range` of the dataset `data` (uncalibrated `hwq.sim_quantize` ops are
    identities, so this is the float model), collects statistics (min, max,
    histogram) at the input of every `activation` and `output`
    sim_quantize, picks a clipping range per edge with `method`, and writes
    scale (f32) and zero point (i32) as `arith.constant` operands into every
    sim_quantize, weights included (docs/Calibration.md).

    * Weights: from the constant values, per channel along the op's `axis`
      when it has one, with `weight-method`; symmetric or not as the
      target's `symmetric_weights` says.
    * Activations and outputs: `symmetric_activations` of the target; an
      edge read only by `tosa.clamp` ops with one pair of bounds (fused
      ReLU / ReLU6) is measured after the clamp.
    * Grids: bits, signedness and narrow range of each sim_quantize; scales
      rounded to f32 once, then up to a power of two when the target says
      `power_of_two_scales`.
    * Scale sharing: with `add_scales = shared` (`concat_scales = shared`)
      the edges that feed a quantized add (concat), traced through
      pass-through ops, and the add's output edge get one range, the union
      of their ranges.

    `data-free=true` needs no data: every edge's range follows from the
    batch-norm statistics that importers record (`hwq.bn_mean`,
    `hwq.bn_std`, per channel: mean +- `bn-sigmas` * std of the folded
    conv's output) and interval arithmetic from `input-range`
    (docs/Strategy.md).

    `stats-out` writes the statistics (JSON, docs/Passes.md); `stats-in`
    reads them instead of running the model, so the same statistics serve
    several experiments. `engine=jit` runs the float model compiled once by
    the host JIT (f32) instead of the reference evaluator (f64): a clone of
    the function without sim_quantize ops that returns every observed value;
    statistics then equal the reference's up to f32 rounding. Needs
    `#hwq.target` on the module and a function
    annotated by `hwq-annotate` whose sim_quantize ops are all uncalibrated.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::hwq::HwqDialect"];
  let options = [
    Option<"data", "data", "std::string", /*default=*/"",
           "calibration dataset spec, e.g. kws01:DIR or npy:FILE "
           "(docs/Calibration.md)">,
    Option<"range", "range", "std::string", /*default=*/"",
           "samples to use, A:B (A to B-1), A:, :B; default all">,
    Option<"function", "function", "std::string", /*default=*/"",
           "function to calibrate (default: the module's only public "
           "function with a body)">,
    Option<"method", "method", "std::string", /*default=*/"\"max\"",
           "threshold method of activation and output edges: max, "
           "percentile, kl or mse">,
    Option<"weightMethod", "weight-method", "std::string",
           /*default=*/"\"max\"",
           "threshold method of weights: max, percentile, kl or mse">,
    Option<"percentile", "percentile", "double", /*default=*/"99.99",
           "percentile of |x| (or of each tail) for method=percentile">,
    Option<"bins", "bins", "unsigned", /*default=*/"2048",
           "histogram bins per edge (at least 2)">,
    Option<"channelStats", "channel-stats", "bool", /*default=*/"false",
           "also collect per-channel statistics (last dimension) of "
           "activation and output edges, for stats-out">,
    Option<"foldClamps", "fold-clamps", "bool", /*default=*/"true",
           "measure an edge read only by clamps after the clamp">,
    Option<"statsIn", "stats-in", "std::string", /*default=*/"",
           "read statistics from this JSON file instead of running the "
           "model">,
    Option<"statsOut", "stats-out", "std::string", /*default=*/"",
           "write the statistics to this JSON file">,
    Option<"progress", "progress", "bool", /*default=*/"false",
           "print progress on stderr while the model runs">,
    Option<"engine", "engine", "std::string", /*default=*/"\"reference\"",
           "how the float model runs over the data: reference (the "
           "reference evaluator, f64) or jit (compiled once to native code, "
           "f32; docs/Calibration.md)">,
    Option<"dataFree", "data-free", "bool", /*default=*/"false",
           "no data: ranges from batch-norm statistics (hwq.bn_mean, "
           "hwq.bn_std: mean +- bn-sigmas * std) and interval arithmetic "
           "(docs/Strategy.md)">,
    Option<"bnSigmas", "bn-sigmas", "double", /*default=*/"3.0",
           "data-free: the k of mean +- k * std">,
    Option<"inputRange", "input-range", "std::string", /*default=*/"",
           "data-free: the range LO:HI of the function's inputs">
  ];
}

def HwqExactSimPass : Pass<"hwq-exact-sim"> {
  let summary = "Make a calibrated simulated graph compute exactly the "
                "integers of the realized graph";
  let description = [{
    Rewrites a calibrated simulated graph (every `hwq.sim_quantize` has a
    constant scale and zero point) so that evaluating it gives, on every
    quantized edge, exactly the integers `hwq-realize` computes
    (docs/Numerics.md, docs/Realize.md):

    1. the output `sim_quantize` of conv2d, depthwise_conv2d and matmul gets
       `acc_scale = productScale(s_in, s_w[o])` (per output channel with
       per-channel weights, on the result's last axis), the float bias is
       replaced by its value on the accumulator grid
       (`round(b / acc_scale) * acc_scale`), and zero-point operands and
       padding are checked to be the zero point (0.0);
    2. the output of mul gets `acc_scale = productScale(s_a, s_b)`;
    3. add gets the intermediate grid of `hwq.add` on both inputs
       (`hwq.role = "add_input"`) and `acc_scale` on its output;
    4. avg_pool2d becomes sum, requantize by `count * s_out`, divide by
       `count` and snap to the output grid;
    5. a clamp (or pad with a constant that is not a grid point) on a
       quantized edge is followed by a snapping `sim_quantize` of its input's
       grid (`hwq.role = "snap"`), so that off-grid bounds round as the
       realized integer clamp does;
    6. concat inputs on different grids are requantized onto one grid
       (`hwq.role = "requantize"`), and every activation `sim_quantize` that
       reads a quantized value gets `acc_scale` = that value's scale (an
       integer requantize).

    Accumulators whose worst-case magnitude is too large for the recovery
    `round(x / acc_scale)` to be exact get a warning. Uncalibrated edges and
    graphs outside what the realized ops express are located errors.
  }];
  let dependentDialects = ["::hwq::HwqDialect", "::mlir::tosa::TosaDialect",
                           "::mlir::arith::ArithDialect"];
}

def HwqRealizePass : Pass<"hwq-realize"> {
  let summary = "Rewrite an exact simulated graph into integer-only hwq ops "
                "on !quant.uniform types";
  let description = [{
    Replaces the simulated quantization of a graph prepared by
    `hwq-exact-sim` with the realized integer ops of docs/Numerics.md:
    graph-input `sim_quantize` -> `hwq.quantize`; quantized constants ->
    integer `tosa.const` of the quantized type (quantized at compile time,
    per-axis for per-channel weights); conv2d / depthwise_conv2d / matmul
    (fully connected when B is constant) + output `sim_quantize` ->
    contraction with an i32 bias + `hwq.requantize`; clamp -> the
    requantize's (or add's, mul's) fused clamp; add, mul, avg_pool2d,
    max_pool2d, concat -> the hwq ops; reshape, transpose, pad -> the TOSA
    ops on quantized tensors. Quantized values read by float ops (and
    function results) get `hwq.dequantize`. Each edge's type clips to its
    bit range (`i8<-32:31>` for a signed 6-bit edge).

    Every situation that cannot be realized bit for bit (a missing
    calibration, an `acc_scale` that is not the product of the operand
    scales, a bias off the accumulator grid, an off-grid clamp without a
    snap, ...) is a located error naming the op.
  }];
  let dependentDialects = ["::hwq::HwqDialect", "::mlir::tosa::TosaDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::quant::QuantDialect"];
}

#endif // HWQ_DIALECT_HWQ_TRANSFORMS_PASSES_TD
