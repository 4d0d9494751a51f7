//===- HwqOps.td - hwq operations --------------------------*- tablegen -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_IR_HWQOPS_TD
#define HWQ_DIALECT_HWQ_IR_HWQOPS_TD

include "hwq/Dialect/Hwq/IR/HwqDialect.td"
include "hwq/Dialect/Hwq/IR/HwqAttrs.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"

//===----------------------------------------------------------------------===//
// Simulation
//===----------------------------------------------------------------------===//

def Hwq_SimQuantizeOp : Hwq_Op<"sim_quantize", [
    Pure, AttrSizedOperandSegments, AllTypesMatch<["input", "output"]>]> {
  let summary = "simulated (fake) quantization of a float tensor";
  let description = [{
    Rounds a float tensor onto the integer grid of a quantized edge and maps it
    back to float, so that a float graph computes exactly the values the
    realized integer graph will represent.

    Semantics (per element `x`; `s`, `z` are the scale and zero point of the
    element's channel along `axis`, or the single ones when they have one
    element):
    ```
    qmin, qmax = is_signed ? (-(2^(bits-1)) + (narrow_range ? 1 : 0), 2^(bits-1) - 1)
                           : (0, 2^bits - 1)
    if acc_scale is absent:                     // a plain quantize
      q = clamp(round(x / s) + z, qmin, qmax)   // x / s in float64, round per `rounding`
    else:                                       // an integer requantize
      a = round_half_to_even(x / acc_scale)     // the exact integer accumulator
      (m, n) = hwq::computeMultiplierAndShift(acc_scale / s)   // Q31 multiplier
      q = clamp(hwq::roundingMultiplyByQ31(a, m, n) + z, qmin, qmax)
    y = (q - z) * s
    ```
    With `acc_scale` the op states that its input lies on the integer grid
    `acc_scale` (the accumulator of a conv/matmul whose operands were quantized
    with scales s_in and s_w has `acc_scale = s_in * s_w`, per output channel
    for per-channel weights) and that the realized graph rescales that
    accumulator with the fixed-point multiplier and shift defined in
    docs/Numerics.md. This is what makes the simulated and the realized graph
    compute the same integers, bit for bit.

    Scale, zero point and accumulator scale are runtime operands, so that one
    compiled graph can be re-run with other parameters during calibration and
    search. An op without scale and zero point is *uncalibrated*: it is the
    identity and marks an edge that `hwq-calibrate` must still fill in.

    Constraints:
    1. `bits` is in [2, 32] (bits above 16 are for intermediate accumulator
       grids, e.g. the inputs of an integer add).
    2. `scale` and `zero_point` are both present or both absent; `acc_scale`
       requires them.
    3. `scale`, `zero_point` and `acc_scale` each have one element (rank 0 or
       rank 1 of size 1), or are rank 1 with as many elements as the input's
       dimension `axis`; the latter requires `axis`.
    4. `axis` is in [0, rank(input)).
    5. `narrow_range` requires `is_signed`.

    Example:
    ```mlir
    %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>)
           acc_scale(%a : tensor<16xf32>) {axis = 3 : i64, bits = 8 : i32}
           : tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins
    RankedTensorOf<[AnyFloat]>:$input,
    Optional<RankedTensorOf<[F32]>>:$scale,
    Optional<RankedTensorOf<[I32]>>:$zero_point,
    Optional<RankedTensorOf<[F32]>>:$acc_scale,
    ConfinedAttr<I32Attr, [IntMinValue<2>, IntMaxValue<32>]>:$bits,
    DefaultValuedAttr<BoolAttr, "true">:$is_signed,
    DefaultValuedAttr<BoolAttr, "false">:$narrow_range,
    OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$axis,
    DefaultValuedAttr<Hwq_RoundingModeAttr,
                      "::hwq::RoundingMode::HalfToEven">:$rounding
  );
  let results = (outs RankedTensorOf<[AnyFloat]>:$output);
  let assemblyFormat = [{
    $input (`scale` `(` $scale^ `:` type($scale) `)`)?
    (`zero_point` `(` $zero_point^ `:` type($zero_point) `)`)?
    (`acc_scale` `(` $acc_scale^ `:` type($acc_scale) `)`)?
    attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The smallest and largest integer of the edge's grid.
    int64_t getQMin();
    int64_t getQMax();
    /// True when scale and zero point are present.
    bool isCalibrated() { return getScale() != nullptr; }
  }];
}

#endif // HWQ_DIALECT_HWQ_IR_HWQOPS_TD
