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

def HwqSearchPass : Pass<"hwq-search", "::mlir::ModuleOp"> {
  let summary = "Search bits, granularity and threshold method per quantized "
                "edge under the target's constraints and budgets";
  let description = [{
    Runs on a module annotated by `hwq-annotate` (uncalibrated
    `hwq.sim_quantize` ops) with a `#hwq.target` (docs/Search.md):
    1. collects calibration statistics of every activation and output edge
       once (as `hwq-calibrate` does) on the samples `range` of `data`;
    2. builds the search space: per unit (a weight edge, or a scale-sharing
       group of activation edges) the bits from `min-bits` up to the edge's
       container width, per-tensor vs per-channel (`granularity`) where the
       op rule allows it, the threshold `methods`; widths that violate the
       target's accumulator range are pruned before any evaluation;
    3. compiles the simulated graph once with every edge's scale, zero point
       and clip bounds as arguments, and the float model once, and evaluates
       candidates on the samples in parallel (`threads`);
    4. runs `strategy` (greedy, random, noise, lagrangian) with the
       `objective`, prints progress, the number of model evaluations and the
       Pareto fronts (accuracy vs estimated latency and vs size, from the
       target's cost model), evaluating front points on `eval-range` too
       when given;
    5. chooses the fastest, then smallest, then best candidate within the
       budgets (`max-drop`, `latency-budget`, `size-budget`), writes it to
       `strategy-out` and the fronts to `pareto-out` (JSON), and leaves the
       module with the chosen bits and granularity applied and every
       sim_quantize calibrated.
    The same options and seed give the same strategy, whatever `threads`.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tosa::TosaDialect", "::hwq::HwqDialect"];
  let options = [
    Option<"data", "data", "std::string", /*default=*/"",
           "dataset spec of the search samples (docs/Calibration.md)">,
    Option<"range", "range", "std::string", /*default=*/"",
           "samples used for statistics and search, A:B">,
    Option<"evalRange", "eval-range", "std::string", /*default=*/"",
           "held-out samples on which the front points are evaluated too "
           "(empty: none)">,
    Option<"labels", "labels", "std::string", /*default=*/"",
           "label file appended to the data spec as labels=FILE (or use the "
           "dataset's own labels)">,
    Option<"function", "function", "std::string", /*default=*/"",
           "function to search (default: the only public function)">,
    Option<"objective", "objective", "std::string", /*default=*/"\"accuracy\"",
           "accuracy (top-1 vs labels, agreement without labels), agreement "
           "(top-1 vs float), kl, mse, classification (0-1 loss + lambda * "
           "relative MSE)">,
    Option<"lambda", "lambda", "double", /*default=*/"1.0",
           "weight of the reconstruction error in objective=classification">,
    Option<"strategy", "strategy", "std::string", /*default=*/"\"noise\"",
           "greedy (HAGO), random, noise (pseudo-quantization-noise "
           "sensitivity), lagrangian">,
    Option<"seed", "seed", "uint64_t", /*default=*/"1",
           "seed of every random choice (random draws, noise)">,
    Option<"threads", "threads", "unsigned", /*default=*/"0",
           "evaluation threads (0: all cores); results do not depend on it">,
    Option<"maxDrop", "max-drop", "double", /*default=*/"1.0",
           "accuracy budget: largest drop vs float, in points">,
    Option<"greedyDrops", "greedy-drops", "std::string", /*default=*/"\"\"",
           "strategy=greedy: comma-separated accuracy budgets (points), one "
           "greedy run each, their candidates form the front (default: "
           "max-drop only)">,
    Option<"latencyBudget", "latency-budget", "double", /*default=*/"0",
           "estimated latency budget in microseconds (0: none)">,
    Option<"sizeBudget", "size-budget", "int64_t", /*default=*/"0",
           "model size budget in bits of weights (0: none)">,
    Option<"minBits", "min-bits", "unsigned", /*default=*/"4",
           "lowest bits tried on any edge">,
    Option<"space", "space", "std::string", /*default=*/"\"weights\"",
           "edges the strategies change: weights, activations or all">,
    Option<"granularity", "granularity", "bool", /*default=*/"false",
           "also search per-tensor vs per-channel weights">,
    Option<"methods", "methods", "std::string", /*default=*/"\"\"",
           "threshold methods searched, comma separated (max, percentile, "
           "kl, mse); empty: the baseline methods only">,
    Option<"method", "method", "std::string", /*default=*/"\"max\"",
           "baseline threshold method of activation and output edges">,
    Option<"weightMethod", "weight-method", "std::string",
           /*default=*/"\"max\"", "baseline threshold method of weights">,
    Option<"percentile", "percentile", "double", /*default=*/"99.99",
           "percentile for method percentile">,
    Option<"bins", "bins", "unsigned", /*default=*/"2048",
           "histogram bins per edge">,
    Option<"engine", "engine", "std::string", /*default=*/"\"reference\"",
           "what collects the statistics: reference or jit">,
    Option<"randomSamples", "random-samples", "unsigned", /*default=*/"32",
           "candidates drawn by strategy=random">,
    Option<"probeBits", "probe-bits", "unsigned", /*default=*/"0",
           "bits of the sensitivity probes of noise / lagrangian (0: "
           "min-bits)">,
    Option<"frontPoints", "front-points", "unsigned", /*default=*/"12",
           "trade-off points swept by noise / lagrangian">,
    Option<"strategyOut", "strategy-out", "std::string", /*default=*/"",
           "write the chosen strategy (JSON) to this file">,
    Option<"paretoOut", "pareto-out", "std::string", /*default=*/"",
           "write the Pareto fronts (JSON) to this file">,
    Option<"progress", "progress", "bool", /*default=*/"true",
           "progress on stderr (evaluations done/total, best, ETA)">
  ];
}

#endif // HWQ_SEARCH_PASSES_TD
