//===- Passes.td - strategy and search passes --------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SEARCH_PASSES_TD
#define HWQ_SEARCH_PASSES_TD

include "mlir/Pass/PassBase.td"

def HwqApplyStrategyPass : Pass<"hwq-apply-strategy", "::mlir::ModuleOp"> {
  let summary = "Annotate a module (or re-annotate an annotated one) with the "
                "choices of a strategy file";
  let description = [{
    Reads the strategy JSON `file` (docs/Strategy.md) and applies it to the
    module: a float module is annotated as by `hwq-annotate`, with the
    strategy's per-op alternatives; an annotated, uncalibrated module is
    re-annotated when an alternative differs. Then each edge choice is
    written into the `hwq.sim_quantize` named by its `hwq.edge`: `bits`,
    `is_signed`, `narrow_range`, `axis` (per-channel weights) and the
    per-edge threshold method (`hwq.method`, `hwq.percentile`) that
    `hwq-calibrate` honours. `hwq-opt --hwq-strategy=FILE` runs this pass
    before the pipeline (after `--hwq-target`).

    The pass does not check the target's constraints (bits wider than the
    alternative's dtype, per-channel where the rule forbids it, ...):
    `hwq-verify-strategy` does. Errors (unreadable file, unknown edge or node,
    another target, a calibrated module) are located diagnostics.
  }];
  let dependentDialects = ["::hwq::HwqDialect"];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"",
           "strategy JSON file (docs/Strategy.md)">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "remarks of hwq-annotate when the module is (re-)annotated">
  ];
}

def HwqWriteStrategyPass : Pass<"hwq-write-strategy", "::mlir::ModuleOp"> {
  let summary = "Write the choices of an annotated module as a strategy file";
  let description = [{
    Writes `readStrategyFromModule` of the module (docs/Strategy.md: every
    node's alternative, every named edge's bits, signedness, granularity and
    per-edge method) to `file` as strategy JSON, with the given metadata.
    The IR is not changed. Applying the written file with
    `hwq-apply-strategy` to the same float graph gives the same annotation.
  }];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"",
           "strategy JSON file to write ('-' for stdout)">,
    Option<"objective", "objective", "std::string", /*default=*/"",
           "objective to record in the file">,
    Option<"seed", "seed", "int64_t", /*default=*/"-1",
           "seed to record in the file (negative: none)">
  ];
}

def HwqVerifyStrategyPass : Pass<"hwq-verify-strategy", "::mlir::ModuleOp"> {
  let summary = "Check that a quantized module satisfies every constraint of "
                "its #hwq.target";
  let description = [{
    Checks the quantization decisions written in an annotated, calibrated,
    exact-simulated or realized module against the module's `#hwq.target`
    (docs/Strategy.md, "Verifier rules"), and reports every violation as a
    located error:

    1. a quantized op's `hwq.config` is integer alternative `hwq.alternative`
       of the target's rule for its kind, and an op the target can only run
       in integer (no float alternative) is quantized;
    2. each input, weight and output edge has at most the bits of that
       alternative's dtype and the same signedness;
    3. weights are per channel only where the rule says `per_channel`;
    4. calibrated scales are powers of two when `power_of_two_scales`, and
       zero points are 0 when `symmetric_weights` /
       `symmetric_activations`;
    5. the worst-case accumulator `K * max|x - z_x| * max|w - z_w| +
       max|bias|` of every conv2d, depthwise_conv2d and matmul fits the
       accumulator (the narrower of `accumulator_bits` and the alternative's
       accumulator type) when the target's `overflow` is `saturate` (always
       with `check-wrapping`);
    6. realized contractions (`hwq.conv2d`, `hwq.depthwise_conv2d`,
       `hwq.fully_connected`, `hwq.matmul`) take operand types some integer
       alternative allows, accumulate in at most `accumulator_bits`, and
       satisfy 3 to 5 on their `!quant.uniform` types.

    The IR is not changed.
  }];
  let options = [
    Option<"checkWrapping", "check-wrapping", "bool", /*default=*/"false",
           "apply the worst-case accumulator rule also when the target's "
           "accumulators wrap">
  ];
}

def HwqWriteCardPass : Pass<"hwq-write-card", "::mlir::ModuleOp"> {
  let summary = "Write the quantization card of a calibrated simulated module";
  let description = [{
    Builds the quantization card (docs/Strategy.md, "Quantization card") of
    a calibrated module (after `hwq-calibrate` or `hwq-exact-sim`): target,
    per-layer alternative and bits, per-tensor scheme (bits, signedness,
    granularity, threshold method, scale, zero point), per-tensor SQNR of
    the simulated model against the float model on the samples `range` of
    `data` (reference evaluator), accuracy float vs quantized and their
    agreement, metadata of the `strategy` file and the Pareto front of the
    `pareto` file; writes it as JSON (`json`) and Markdown with inline SVG
    charts (`markdown`). The IR is not changed.
  }];
  let options = [
    Option<"json", "json", "std::string", /*default=*/"",
           "write the card as JSON to this file">,
    Option<"markdown", "markdown", "std::string", /*default=*/"",
           "write the card as Markdown with inline SVG to this file">,
    Option<"data", "data", "std::string", /*default=*/"",
           "dataset to measure SQNR and accuracy on (docs/Calibration.md)">,
    Option<"range", "range", "std::string", /*default=*/"",
           "samples of the dataset, A:B">,
    Option<"function", "function", "std::string", /*default=*/"",
           "function to run (default: the only public one)">,
    Option<"strategy", "strategy", "std::string", /*default=*/"",
           "strategy file whose metadata (calibration, seed, objective, "
           "figures) the card states">,
    Option<"pareto", "pareto", "std::string", /*default=*/"",
           "Pareto file (JSON points) to plot">,
    Option<"model", "model", "std::string", /*default=*/"",
           "model name for the title">,
    Option<"method", "method", "std::string", /*default=*/"\"max\"",
           "activation threshold method calibration used (edges without "
           "hwq.method)">,
    Option<"weightMethod", "weight-method", "std::string",
           /*default=*/"\"max\"",
           "weight threshold method calibration used">
  ];
}

#endif // HWQ_SEARCH_PASSES_TD
