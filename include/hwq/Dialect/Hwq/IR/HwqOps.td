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

    Semantics (per element `x`, with `s`, `z` the scale and zero point of the
    element's channel along `axis`, or the single ones when `axis` is absent):
    ```
    qmin, qmax = is_signed ? (-(2^(bits-1)) + (narrow_range ? 1 : 0), 2^(bits-1) - 1)
                        : (0, 2^bits - 1)
    q = clamp(round(x / s) + z, qmin, qmax)     // round per `rounding`
    y = (q - z) * s
    ```
    The division is carried out in float32 (`x / s`), then rounded with the
    op's rounding mode (`half_to_even` unless stated).

    Scale and zero point are runtime operands (so that one compiled graph can
    be re-run with other parameters during calibration and search). An op
    without them is *uncalibrated*: it is the identity and marks an edge that
    `hwq-calibrate` must still fill in.

    Constraints:
    1. `bits` is in [2, 16].
    2. `scale` and `zero_point` are both present or both absent.
    3. Without `axis`, `scale` and `zero_point` have one element (rank 0 or
       `tensor<1x..>`); with `axis`, they are rank 1 with as many elements as
       the input's dimension `axis` (when static).
    4. `axis` is in [0, rank(input)).
    5. `narrow_range` requires `is_signed`.

    Example:
    ```mlir
    %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>)
           {bits = 8 : i32} : tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins
    RankedTensorOf<[AnyFloat]>:$input,
    Optional<RankedTensorOf<[F32]>>:$scale,
    Optional<RankedTensorOf<[I32]>>:$zero_point,
    ConfinedAttr<I32Attr, [IntMinValue<2>, IntMaxValue<16>]>:$bits,
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
