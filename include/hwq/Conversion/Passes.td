//===- Passes.td - hwq conversion passes -------------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CONVERSION_PASSES_TD
#define HWQ_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// HwqToLinalg
//===----------------------------------------------------------------------===//

def HwqConvertRealizedToLinalgPass
    : Pass<"hwq-convert-realized-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower the realized integer hwq ops to linalg on signless "
                "integers";
  let description = [{
    Rewrites `hwq.quantize`, `hwq.dequantize`, `hwq.conv2d`,
    `hwq.depthwise_conv2d`, `hwq.fully_connected`, `hwq.matmul`,
    `hwq.requantize`, `hwq.add`, `hwq.mul`, `hwq.avg_pool2d`,
    `hwq.max_pool2d`, `hwq.concat` and `quant.scast` into linalg, tensor and
    arith ops on signless integers, and retypes data movement (TOSA and
    tensor reshapes, transposes, slices, concatenations) on quantized tensors, bit for bit as docs/Numerics.md defines
    them (docs/HostExecution.md lists the op-by-op mapping).

    `!quant.uniform` tensors become tensors of their storage container
    (`QuantStorageTypeConverter`: i8 for 8-bit storage, signed or not, i16,
    i32 for unsigned 16-bit storage, ...), function signatures included.
    Zero points are subtracted explicitly, accumulators are i32 (wrapping)
    and narrowed to i16 accumulators at the end, fixed-point rescales use i64
    multiplies (i128 where the operand range needs it) with the rounding
    shift of `hwq::roundingMultiplyByQ31`, and every result is clamped to its
    clip range. Upstream named ops are used where they are exact
    (`linalg.conv_2d_nhwc_fhwc_q`, `linalg.depthwise_conv_2d_nhwc_hwcm_q`,
    `linalg.quantized_batch_matmul`, pooling); upstream `lower-quant-ops` is
    never used (it truncates).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// SimToLinalg
//===----------------------------------------------------------------------===//

def HwqConvertSimToLinalgPass : Pass<"hwq-convert-sim-to-linalg"> {
  let summary = "Lower hwq.sim_quantize to an elementwise linalg.generic";
  let description = [{
    Rewrites every `hwq.sim_quantize` into one `linalg.generic` whose body
    implements the op's semantics (HwqOps.td) exactly as the reference
    evaluator does: `x / scale` and `x / acc_scale` in f64, the rounding mode
    of the op, NaN to 0, saturation, and for `acc_scale` the Q31 multiplier
    and shift of `hwq::computeMultiplierAndShift` derived at run time from the
    f32 parameter values (bit manipulation of the f64 ratio) followed by
    `hwq::roundingMultiplyByQ31` in i128. The result `(q - z) * scale` is
    computed in f64 and rounded once to the tensor's element type.

    Parameters for which the reference evaluator reports an error (a scale or
    acc_scale that is not positive and finite, a ratio without a Q31
    multiplier) produce NaN. Uncalibrated ops become the identity.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// WidenFloat
//===----------------------------------------------------------------------===//

def HwqWidenFloatPass : Pass<"hwq-widen-float", "::mlir::func::FuncOp"> {
  let summary = "Compute every float value of a function body in f64";
  let description = [{
    Converts the float tensors and scalars inside function bodies (f16, bf16,
    f32) to f64, leaving the function signature alone: arguments are
    extended on entry (`arith.extf`) and results rounded on return
    (`arith.truncf`). This gives a compiled graph the precision rule of the
    reference evaluator, which keeps float values in double between ops and
    rounds them once, when they become a function result
    (docs/HostExecution.md, "Precision").

    Explicit roundings are kept: an `arith.truncf` to a narrower type becomes
    a `truncf` + `extf` pair. `hwq.sim_quantize` keeps its f32 parameter
    operands (rounded from f64 like the reference evaluator reads them).
    Constants with dense float attributes are converted; other constants are
    extended where they are used. Runs on linalg/tensor/arith/math (after
    TOSA lowering).
  }];
  let options = [
    Option<"onlySimulated", "only-simulated", "bool", /*default=*/"false",
           "widen only functions that contain hwq.sim_quantize">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::tensor::TensorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// HostAbi
//===----------------------------------------------------------------------===//

def HwqPrepareHostAbiPass
    : Pass<"hwq-prepare-host-abi", "::mlir::ModuleOp"> {
  let summary = "Check and annotate the signatures of functions compiled for "
                "the host";
  let description = [{
    The host ABI (docs/HostExecution.md) passes every argument and result as
    a bare pointer to a dense row-major buffer, results written into caller
    buffers. This pass checks that every function with a body has ranked
    tensor arguments and results with static shapes and an element type the
    host runtime carries (f16, f32, f64, signless integers, per-tensor or
    per-axis `!quant.uniform`), reporting located errors otherwise, and marks
    every tensor argument `bufferization.writable = false` so that
    bufferization never writes into the caller's input buffers.
  }];
}

def HwqDistinctResultsPass : Pass<"hwq-distinct-results", "::mlir::func::FuncOp"> {
  let summary = "Give each function result its own tensor before bufferization";
  let description = [{
    Each result of a host-compiled function is written into its own caller
    buffer. When a `func.return` repeats a value (e.g. two identical
    branches merged by CSE), this pass returns a copy
    (`bufferization.alloc_tensor() copy(%v)`) in place of the second and
    later occurrences, so that each result is a distinct buffer after
    bufferization: MLIR 22's `buffer-results-to-out-params` with
    `hoist-static-allocs` crashes on a buffer returned twice.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def HwqExpandStridedCopiesPass : Pass<"hwq-expand-strided-copies"> {
  let summary = "Turn memref.copy between non-contiguous buffers into "
                "linalg.copy";
  let description = [{
    `finalize-memref-to-llvm` lowers a `memref.copy` whose operands are not
    both contiguous into a call to `memrefCopy` from MLIR's C runner utils,
    a library neither the JIT nor an AOT-compiled model links. This pass
    rewrites those copies (padding, concatenation, slices) into
    `linalg.copy`, which becomes plain loops; contiguous copies stay
    `memref.copy` (an `llvm.memcpy`).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // HWQ_CONVERSION_PASSES_TD
