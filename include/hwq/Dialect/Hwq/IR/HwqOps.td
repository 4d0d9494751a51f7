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
      (m, n) = hwq::computeMultiplierAndShift(acc_scale / s)   // Q31; ratio in float64
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

//===----------------------------------------------------------------------===//
// Realized integer ops: common definitions
//===----------------------------------------------------------------------===//

def Hwq_UniformQuantized : Type<
    Or<[CPred<"::llvm::isa<::mlir::quant::UniformQuantizedType>($_self)">,
        CPred<"::llvm::isa<::mlir::quant::UniformQuantizedPerAxisType>($_self)">]>,
    "per-tensor or per-axis !quant.uniform">;

/// Signless integer attributes read as signed C++ integers (upstream's
/// I32Attr/I64Attr getters return unsigned values).
def Hwq_I32Attr : TypedSignlessIntegerAttrBase<I32, "int32_t",
    "32-bit signless integer attribute"> {
  let convertFromStorage =
      "static_cast<int32_t>($_self.getValue().getSExtValue())";
}
def Hwq_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
    "64-bit signless integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

/// A ranked tensor of per-tensor or per-axis `!quant.uniform` elements.
def Hwq_QuantTensor : RankedTensorOf<[Hwq_UniformQuantized]>;

/// A ranked tensor of float elements.
def Hwq_FloatTensor : RankedTensorOf<[AnyFloat]>;

/// The optional bias of a contraction: one integer per output channel, on the
/// accumulator grid.
def Hwq_BiasTensor : RankedTensorOf<[I32]>;

/// Base class of the realized integer ops: pure, documented in
/// docs/Numerics.md, verified in C++.
class Hwq_RealizedOp<string mnemonic, list<Trait> traits = []>
    : Hwq_Op<mnemonic, !listconcat([Pure], traits)> {
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Quantize / dequantize
//===----------------------------------------------------------------------===//

def Hwq_QuantizeOp : Hwq_RealizedOp<"quantize"> {
  let summary = "float tensor to a tensor of !quant.uniform integers";
  let description = [{
    Maps each float element onto the integer grid of the result's
    `!quant.uniform` type (per-tensor, or per-axis along the type's quantized
    dimension) and clips it to the type's storage bounds. The storage bounds
    are the bit range of the edge, not of the container:
    `!quant.uniform<i8<-32:31>:f32, 0.1>` is a 6-bit edge stored in an i8 and
    clips to [-32, 31].

    Semantics (per element `x` at index `i`; `c = i[axis]` for a per-axis
    type, `s`, `z` the scale and zero point of channel `c`):
    ```
    q = clamp(round(x / s) + z, storage_min, storage_max)
        // x / s in float64; round per `rounding` (default half_to_even);
        // NaN rounds to 0, +-inf saturate
    ```
    This is `hwq::quantizeReal` (include/hwq/Support/FixedPoint.h) and the
    plain (no `acc_scale`) path of `hwq.sim_quantize`, which reproduces it
    bit for bit with the same scale, zero point, bits and rounding.

    Constraints:
    1. `input` and `output` have the same shape.
    2. The output element type's expressed type equals the input element
       type.
    3. A per-axis output type's quantized dimension is in [0, rank) and its
       number of scales equals that dimension's size (when static).

    Example:
    ```mlir
    %q = hwq.quantize %x : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!quant.uniform<i8<-32:31>:f32, 0.1>>
    ```
  }];
  let arguments = (ins
    Hwq_FloatTensor:$input,
    DefaultValuedAttr<Hwq_RoundingModeAttr,
                      "::hwq::RoundingMode::HalfToEven">:$rounding
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
}

def Hwq_DequantizeOp : Hwq_RealizedOp<"dequantize"> {
  let summary = "tensor of !quant.uniform integers to float";
  let description = [{
    Maps each stored integer back to the real value it represents.

    Semantics (per element `q`; `s`, `z` of its channel as for
    `hwq.quantize`):
    ```
    x = float((q - z) * s)     // q - z exact, product in float64, then
                               // rounded to nearest-even in the result type
    ```

    Constraints:
    1. `input` and `output` have the same shape.
    2. The output element type equals the input's expressed type.
    3. A per-axis input type's quantized dimension is in [0, rank) and its
       number of scales equals that dimension's size (when static).

    Example:
    ```mlir
    %x = hwq.dequantize %q : tensor<4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Hwq_QuantTensor:$input);
  let results = (outs Hwq_FloatTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
}

//===----------------------------------------------------------------------===//
// Contractions (results on the accumulator grid)
//===----------------------------------------------------------------------===//

def Hwq_Conv2DOp : Hwq_RealizedOp<"conv2d"> {
  let summary = "integer 2-D convolution (NHWC x OHWI) into an accumulator";
  let description = [{
    Convolves a quantized NHWC activation with quantized OHWI weights and
    produces the exact integer accumulator, on the grid `s_in * s_w[o]`,
    without any rescaling (a following `hwq.requantize` brings it to the
    output edge).

    Semantics (`W` = the result's storage width, 16 or 32; `z_w[o]` = the
    weight zero point of output channel `o`, the single one when per-tensor;
    `pad = [top, bottom, left, right]`, `stride = [sh, sw]`,
    `dilation = [dh, dw]`):
    ```
    for n, oh, ow, o:
      acc = bias ? bias[o] : 0                         // exact integers
      for kh in [0, KH), kw in [0, KW), c in [0, C):
        ih = oh * sh - top + kh * dh
        iw = ow * sw - left + kw * dw
        if 0 <= ih < H and 0 <= iw < W_in:              // padding adds 0,
          acc += (input[n, ih, iw, c] - z_in)           // i.e. pads with z_in
                 * (weight[o, kh, kw, c] - z_w[o])
      output[n, oh, ow, o] = wrap(acc, W)
    wrap(v, W) = ((v + 2^(W-1)) mod 2^W) - 2^(W-1)      // two's complement
    ```
    Overflow wraps in two's complement of the accumulator's storage width.
    Since wrapping commutes with addition and multiplication, wrapping once
    at the end equals wrapping after every multiply-accumulate, which is what
    i32 (or i16) hardware accumulators do. Targets whose accumulators
    saturate must choose bits so that no overflow happens (the search's job).

    The result element type is `!quant.uniform<i32:f32, s_acc>` (or `i16`):
    per-tensor with `s_acc = s_in * s_w` when the weights are per-tensor, and
    per-axis on dimension 3 with `s_acc[o] = s_in * s_w[o]` when the weights
    are per-axis on dimension 0; zero point 0. The canonical accumulator
    scale is `hwq::productScale(s_in, s_w[o])` (the product rounded to f32,
    what the simulation computes); the verifier accepts any scale within a
    relative 2^-20 of the product. Downstream ops use the accumulator type's
    own scale.

    Constraints:
    1. `input` is rank 4 (NHWC), per-tensor quantized; `weight` is rank 4
       (OHWI), per-tensor or per-axis on dimension 0; the output is rank 4.
    2. `pad` has 4 non-negative values, `stride` and `dilation` 2 positive
       values each.
    3. Input channels C agree between `input` and `weight`; batch N agrees
       between `input` and `output`; output channels O agree between
       `weight`, `output` and `bias`.
    4. `bias`, when present, is rank 1 with O elements.
    5. The output spatial sizes are
       `(H + top + bottom - ((KH - 1) * dh + 1)) / sh + 1` (floor division of
       a non-negative numerator), and likewise for the width (checked when
       static).
    6. The output element type is a signed accumulator: storage i16 or i32
       with the full storage range, zero point 0, the same expressed type as
       the operands.
    7. The output is per-axis on dimension 3 exactly when the weights are
       per-axis, with one scale per output channel; each scale equals
       `s_in * s_w[o]` (relative tolerance 2^-20).

    Example:
    ```mlir
    %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>,
             stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
           : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>,
              tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>>,
              tensor<2xi32>)
           -> tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$input,
    Hwq_QuantTensor:$weight,
    Optional<Hwq_BiasTensor>:$bias,
    DenseI64ArrayAttr:$pad,
    DenseI64ArrayAttr:$stride,
    DenseI64ArrayAttr:$dilation
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input, "::mlir::Value":$weight,
                   "::mlir::Value":$bias,
                   "::llvm::ArrayRef<int64_t>":$pad,
                   "::llvm::ArrayRef<int64_t>":$stride,
                   "::llvm::ArrayRef<int64_t>":$dilation,
                   CArg<"unsigned", "32">:$accumulatorWidth)>
  ];
  let extraClassDeclaration = [{
    /// The result type the builder infers: the output shape from the
    /// operand shapes and attributes, the accumulator element type from the
    /// operand scales (productScale); null when the operands do not allow it.
    static ::mlir::RankedTensorType
    inferResultType(::mlir::Type inputType, ::mlir::Type weightType,
                    ::llvm::ArrayRef<int64_t> pad,
                    ::llvm::ArrayRef<int64_t> stride,
                    ::llvm::ArrayRef<int64_t> dilation,
                    unsigned accumulatorWidth);
  }];
}

def Hwq_DepthwiseConv2DOp : Hwq_RealizedOp<"depthwise_conv2d"> {
  let summary = "integer depthwise 2-D convolution (NHWC x HWCM) into an accumulator";
  let description = [{
    Depthwise convolution with TOSA's weight layout `[KH, KW, C, M]`
    (M = channel multiplier): output channel `c * M + m` convolves input
    channel `c` with `weight[:, :, c, m]`. Produces the exact integer
    accumulator as `hwq.conv2d` does.

    Semantics (same conventions as `hwq.conv2d`; `o = c * M + m`):
    ```
    for n, oh, ow, c, m:
      o = c * M + m
      acc = bias ? bias[o] : 0
      for kh, kw:
        ih = oh * sh - top + kh * dh
        iw = ow * sw - left + kw * dw
        if 0 <= ih < H and 0 <= iw < W_in:
          acc += (input[n, ih, iw, c] - z_in) * (weight[kh, kw, c, m] - z_w[c])
      output[n, oh, ow, o] = wrap(acc, W)
    ```
    Per-channel weights: the weights may be per-axis **only along dimension 2
    (C) and only when M == 1**; then output channel `o = c` has scale
    `s_in * s_w[c]` and the accumulator is per-axis on dimension 3. With
    M > 1 the weights must be per-tensor (a per-axis type cannot describe
    one scale per `c * M + m` pair over the HWCM layout).

    Constraints:
    1. `input` rank 4 per-tensor; `weight` rank 4, per-tensor or per-axis on
       dimension 2 with M (dimension 3) == 1; output rank 4.
    2. `pad` has 4 non-negative values, `stride` and `dilation` 2 positive
       values each.
    3. `weight` dimension 2 equals the input channels C; batch agrees; the
       output has C * M channels; `bias`, when present, is rank 1 with
       C * M elements.
    4. The output spatial sizes follow `hwq.conv2d`'s rule 5.
    5. The output element type is an accumulator as in `hwq.conv2d` rule 6,
       per-axis on dimension 3 exactly when the weights are per-axis, with
       scales `s_in * s_w[c]` (relative tolerance 2^-20).

    Example:
    ```mlir
    %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>,
             stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
           : (tensor<1x9x9x4x!quant.uniform<u8:f32, 0.5:128>>,
              tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>)
           -> tensor<1x4x4x8x!quant.uniform<i32:f32, 0.125>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$input,
    Hwq_QuantTensor:$weight,
    Optional<Hwq_BiasTensor>:$bias,
    DenseI64ArrayAttr:$pad,
    DenseI64ArrayAttr:$stride,
    DenseI64ArrayAttr:$dilation
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Hwq_FullyConnectedOp : Hwq_RealizedOp<"fully_connected"> {
  let summary = "integer fully connected layer ([..., K] x [OC, K]) into an accumulator";
  let description = [{
    Multiplies each row of a quantized activation by quantized weights laid
    out `[OC, K]` (one row per output channel) and produces the exact integer
    accumulator.

    Semantics (`W` = the result's storage width):
    ```
    for every index (i..., o):
      acc = bias ? bias[o] : 0
      for k in [0, K):
        acc += (input[i..., k] - z_in) * (weight[o, k] - z_w[o])
      output[i..., o] = wrap(acc, W)
    ```

    Constraints:
    1. `input` has rank >= 2 and is per-tensor; `weight` is rank 2,
       per-tensor or per-axis on dimension 0; the output has the input's rank.
    2. K agrees between `input` (last dimension) and `weight` (dimension 1);
       the output's leading dimensions equal the input's; its last
       dimension is OC.
    3. `bias`, when present, is rank 1 with OC elements.
    4. The output element type is an accumulator as in `hwq.conv2d` rule 6,
       per-axis on its last dimension exactly when the weights are per-axis,
       with scales `s_in * s_w[o]` (relative tolerance 2^-20).

    Example:
    ```mlir
    %acc = hwq.fully_connected %x, %w, %b
           : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>,
              tensor<10x16x!quant.uniform<i8:f32, 0.25>>, tensor<10xi32>)
           -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$input,
    Hwq_QuantTensor:$weight,
    Optional<Hwq_BiasTensor>:$bias
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input, "::mlir::Value":$weight,
                   "::mlir::Value":$bias,
                   CArg<"unsigned", "32">:$accumulatorWidth)>
  ];
}

def Hwq_MatMulOp : Hwq_RealizedOp<"matmul"> {
  let summary = "integer batched matrix multiply of two activations into an accumulator";
  let description = [{
    Batched product of two quantized activations, `[B, M, K] x [B, K, N]`,
    producing the exact integer accumulator on the grid `s_a * s_b`.

    Semantics (`W` = the result's storage width):
    ```
    for b, m, n:
      acc = sum over k of (a[b, m, k] - z_a) * (b[b, k, n] - z_b)
      output[b, m, n] = wrap(acc, W)
    ```

    Constraints:
    1. `a`, `b` and the output are rank 3; `a` and `b` are per-tensor.
    2. Shapes: `a` is [B, M, K], `b` is [B, K, N], the output is [B, M, N].
    3. The output element type is a per-tensor accumulator as in
       `hwq.conv2d` rule 6, with scale `s_a * s_b` (relative tolerance 2^-20).

    Example:
    ```mlir
    %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5:1>>,
                                tensor<1x8x3x!quant.uniform<i8:f32, 0.25:-2>>)
                               -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
    ```
  }];
  let arguments = (ins Hwq_QuantTensor:$a, Hwq_QuantTensor:$b);
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $a `,` $b attr-dict `:` functional-type(operands, results)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Value":$a, "::mlir::Value":$b,
                   CArg<"unsigned", "32">:$accumulatorWidth)>
  ];
}

//===----------------------------------------------------------------------===//
// Requantize
//===----------------------------------------------------------------------===//

def Hwq_RequantizeOp : Hwq_RealizedOp<"requantize"> {
  let summary = "fixed-point rescale of a quantized tensor onto another grid";
  let description = [{
    Rescales integers from the input's grid (an accumulator, or any quantized
    tensor) onto the output's grid with a Q31 fixed-point multiplier and a
    right shift, then clips to the output's storage bounds intersected with
    an optional fused clamp (ReLU, ReLU6 expressed in the output's integer
    domain).

    Semantics (per element at index `i`; `c = i[axis]` when per-channel,
    otherwise the single entries; `m[c]`, `n[c]` from `multiplier`, `shift`
    (a one-element array applies to every channel)):
    ```
    lo = max(storage_min(out), clamp_min)      // absent clamp_min: storage_min
    hi = min(storage_max(out), clamp_max)      // absent clamp_max: storage_max
    a  = input[i] - z_in[c]                    // exact
    output[i] = clamp(hwq::roundingMultiplyByQ31(a, m[c], n[c]) + z_out[c], lo, hi)
    ```
    `roundingMultiplyByQ31(a, m, n) = (a * m + 2^(n-1)) >> n` (exact product,
    arithmetic shift: rounds half up; `a * m` when n == 0). The constants are
    pinned by the scales: `(m[c], n[c]) = hwq::computeMultiplierAndShift(
    s_in[c] / s_out[c])` with the ratio computed in float64 from the types'
    scales. `hwq.sim_quantize` with `acc_scale = s_in`, `scale = s_out`,
    `zero_point = z_out` and the output's bit range reproduces it bit for bit
    (a fused clamp is a narrower range: see docs/Numerics.md).

    With equal input and output scales the multiplier is (2^30, 30), an exact
    identity, so `hwq.requantize` with a clamp is also the realized clamp op.

    Constraints:
    1. `input` and `output` have the same shape.
    2. Input and output have the same expressed type; a per-axis type's
       quantized dimension is in range with one scale per channel.
    3. `axis` is present exactly when the input or the output is per-axis,
       and then equals its (their) quantized dimension.
    4. `multiplier` and `shift` have the same number of elements, 1 or the
       number of channels (the size of dimension `axis`).
    5. Every shift is in [0, 62] and every multiplier in [0, 2^31).
    6. Every (multiplier, shift) equals `computeMultiplierAndShift(s_in[c] /
       s_out[c])` for its channel(s), and that ratio is representable.
    7. `clamp_min <= clamp_max` when both are present, and the clip range
       [lo, hi] is not empty.

    Example:
    ```mlir
    %q = hwq.requantize %acc {multiplier = array<i32: 1073741824>,
                              shift = array<i32: 31>, clamp_min = 0 : i64}
         : tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
           -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$input,
    DenseI32ArrayAttr:$multiplier,
    DenseI32ArrayAttr:$shift,
    OptionalAttr<Hwq_I64Attr>:$axis,
    OptionalAttr<Hwq_I64Attr>:$clamp_min,
    OptionalAttr<Hwq_I64Attr>:$clamp_max
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Type":$outputType, "::mlir::Value":$input,
                   CArg<"std::optional<int64_t>", "std::nullopt">:$clampMin,
                   CArg<"std::optional<int64_t>", "std::nullopt">:$clampMax)>
  ];
  let extraClassDeclaration = [{
    /// The clip range [lo, hi]: the output's storage range intersected with
    /// clamp_min/clamp_max.
    int64_t getClipMin();
    int64_t getClipMax();
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

def Hwq_AddOp : Hwq_RealizedOp<"add"> {
  let summary = "integer elementwise add of two quantized tensors (with broadcast)";
  let description = [{
    Adds two per-tensor quantized tensors with TOSA broadcasting. Both inputs
    are rescaled onto a common intermediate grid `s_i`, added exactly, and the
    sum is requantized to the output.

    Semantics:
    ```
    s_i = min(s_a, s_b) * 2^-intermediate_shift          // exact power of 2
    (multiplier_a, shift_a)     = computeMultiplierAndShift(s_a / s_i)
    (multiplier_b, shift_b)     = computeMultiplierAndShift(s_b / s_i)
    (multiplier_out, shift_out) = computeMultiplierAndShift(s_i / s_out)
    lo, hi = storage range of the output intersected with clamp_min/clamp_max
    for every output index i (ia, ib: i with broadcast dimensions set to 0):
      a' = roundingMultiplyByQ31(a[ia] - z_a, multiplier_a, shift_a)
      b' = roundingMultiplyByQ31(b[ib] - z_b, multiplier_b, shift_b)
      t  = a' + b'                                        // exact, |t| < 2^31
      output[i] = clamp(roundingMultiplyByQ31(t, multiplier_out, shift_out)
                        + z_out, lo, hi)
    ```
    All ratios are computed in float64 from the types' scales. The verifier
    guarantees |a'| + |b'| < 2^31 over the inputs' storage ranges, so `t` is
    an exact 32-bit integer and i32 hardware computes it without overflow.
    Simulation (bit for bit): `x_a' = sim_quantize(x_a, scale = s_i,
    zero_point = 0, acc_scale = s_a, bits = 32)`, likewise for `b`, a float
    add, then `sim_quantize(sum, scale = s_out, zero_point = z_out,
    acc_scale = s_i)`; exact in f32 when |a'| + |b'| < 2^24, which
    `hwq::chooseAddIntermediateShift` guarantees (docs/Numerics.md).

    Constraints:
    1. `a`, `b` and the output are per-tensor quantized with the same
       expressed type.
    2. `a`, `b` and the output have the same rank; each dimension of `a` and
       `b` equals the output's or is 1 (TOSA broadcasting).
    3. `intermediate_shift` is in [0, 30].
    4. Each (multiplier, shift) pair equals `computeMultiplierAndShift` of its
       ratio above, and the ratio is representable.
    5. max|a - z_a| * s_a / s_i + max|b - z_b| * s_b / s_i over the storage
       ranges stays below 2^31 (evaluated with the rounded multipliers).
    6. The clip range is not empty (as `hwq.requantize` rule 7).

    Example:
    ```mlir
    %y = hwq.add %a, %b {intermediate_shift = 10 : i32,
                         multiplier_a = 1073741824 : i32, shift_a = 20 : i32,
                         multiplier_b = 1073741824 : i32, shift_b = 19 : i32,
                         multiplier_out = 1073741824 : i32, shift_out = 41 : i32}
         : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>,
            tensor<1x1x!quant.uniform<i8:f32, 1.0>>)
           -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$a,
    Hwq_QuantTensor:$b,
    Hwq_I32Attr:$intermediate_shift,
    Hwq_I32Attr:$multiplier_a,
    Hwq_I32Attr:$shift_a,
    Hwq_I32Attr:$multiplier_b,
    Hwq_I32Attr:$shift_b,
    Hwq_I32Attr:$multiplier_out,
    Hwq_I32Attr:$shift_out,
    OptionalAttr<Hwq_I64Attr>:$clamp_min,
    OptionalAttr<Hwq_I64Attr>:$clamp_max
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $a `,` $b attr-dict `:` functional-type(operands, results)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Type":$outputType, "::mlir::Value":$a,
                   "::mlir::Value":$b,
                   CArg<"std::optional<int32_t>", "std::nullopt">:$intermediateShift,
                   CArg<"std::optional<int64_t>", "std::nullopt">:$clampMin,
                   CArg<"std::optional<int64_t>", "std::nullopt">:$clampMax)>
  ];
}

def Hwq_MulOp : Hwq_RealizedOp<"mul"> {
  let summary = "integer elementwise multiply of two quantized tensors (with broadcast)";
  let description = [{
    Multiplies two per-tensor quantized tensors with TOSA broadcasting. The
    exact product lies on the grid `s_acc = productScale(s_a, s_b)` (the
    product rounded to f32) and is requantized to the output.

    Semantics:
    ```
    s_acc = float32(s_a * s_b)
    (multiplier, shift) = computeMultiplierAndShift(s_acc / s_out)  // float64
    lo, hi = storage range of the output intersected with clamp_min/clamp_max
    for every output index i (ia, ib as for hwq.add):
      p = (a[ia] - z_a) * (b[ib] - z_b)                 // exact
      output[i] = clamp(roundingMultiplyByQ31(p, multiplier, shift) + z_out,
                        lo, hi)
    ```
    Simulation: a float multiply of the two simulated inputs followed by
    `sim_quantize(prod, scale = s_out, zero_point = z_out, acc_scale = s_a * s_b)`
    with the product of the f32 scale operands.

    Constraints:
    1. `a`, `b` and the output are per-tensor quantized with the same
       expressed type.
    2. Broadcasting as `hwq.add` rule 2.
    3. (multiplier, shift) equals `computeMultiplierAndShift(s_acc / s_out)`,
       and the ratio is representable.
    4. The clip range is not empty (as `hwq.requantize` rule 7).

    Example:
    ```mlir
    %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
         : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>)
           -> tensor<4x!quant.uniform<i8:f32, 0.25>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$a,
    Hwq_QuantTensor:$b,
    Hwq_I32Attr:$multiplier,
    Hwq_I32Attr:$shift,
    OptionalAttr<Hwq_I64Attr>:$clamp_min,
    OptionalAttr<Hwq_I64Attr>:$clamp_max
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $a `,` $b attr-dict `:` functional-type(operands, results)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Type":$outputType, "::mlir::Value":$a,
                   "::mlir::Value":$b,
                   CArg<"std::optional<int64_t>", "std::nullopt">:$clampMin,
                   CArg<"std::optional<int64_t>", "std::nullopt">:$clampMax)>
  ];
}

//===----------------------------------------------------------------------===//
// Pooling and data movement
//===----------------------------------------------------------------------===//

def Hwq_AvgPool2DOp : Hwq_RealizedOp<"avg_pool2d"> {
  let summary = "integer 2-D average pooling (NHWC), padding excluded from the count";
  let description = [{
    Averages each window over its valid (non-padding) elements, as TFLite
    does, with an exactly defined integer rounding: the window sum is
    requantized with the fixed-point multiplier of `s_in / (count * s_out)`.

    Semantics (`kernel = [KH, KW]`, `stride`, `pad` as for `hwq.conv2d`):
    ```
    lo, hi = storage range of the output
    for n, oh, ow, c:
      sum = 0; count = 0
      for kh in [0, KH), kw in [0, KW):
        ih = oh * sh - top + kh;  iw = ow * sw - left + kw
        if 0 <= ih < H and 0 <= iw < W_in:
          sum += input[n, ih, iw, c] - z_in;  count += 1   // exact
      (m, n) = computeMultiplierAndShift(s_in / float32(count * s_out))
      output[n, oh, ow, c] = clamp(roundingMultiplyByQ31(sum, m, n) + z_out,
                                   lo, hi)
    ```
    The multipliers (one per possible count in [1, KH * KW]) follow from the
    types; they are not attributes. Every window holds at least one valid
    element (constraint 4), so `count >= 1`. Simulation: a float sum pool,
    then `sim_quantize(sum, scale = count * s_out, zero_point = z_out,
    acc_scale = s_in)`, then a division by `count` (exact up to the
    next `sim_quantize`); with full windows everywhere (no padding, or global
    pooling) `count` is the constant KH * KW (docs/Numerics.md).

    Constraints:
    1. `input` and output are rank 4 (NHWC) and per-tensor, with the same
       expressed type; N and C agree.
    2. `kernel` and `stride` have 2 positive values, `pad` 4 non-negative
       values.
    3. The output spatial sizes are `(H + top + bottom - KH) / sh + 1` and
       likewise for the width (checked when static).
    4. Each padding is smaller than the kernel extent on its axis.
    5. `computeMultiplierAndShift(s_in / float32(count * s_out))` is
       representable for every count in [1, KH * KW].

    Example:
    ```mlir
    %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                            pad = array<i64: 0, 0, 0, 0>}
         : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$input,
    DenseI64ArrayAttr:$kernel,
    DenseI64ArrayAttr:$stride,
    DenseI64ArrayAttr:$pad
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
}

def Hwq_MaxPool2DOp : Hwq_RealizedOp<"max_pool2d"> {
  let summary = "integer 2-D max pooling (NHWC) on one quantized type";
  let description = [{
    Takes the maximum stored integer of each window. Since the map from
    integers to reals is monotonic (positive scale), this is the maximum of
    the real values; input and output share one quantized type, so no
    rescaling happens. Padding positions never win.

    Semantics (`kernel = [KH, KW]`, `stride`, `pad` as for `hwq.conv2d`):
    ```
    for n, oh, ow, c:
      output[n, oh, ow, c] = max over valid (ih, iw) of input[n, ih, iw, c]
        where ih = oh * sh - top + kh, iw = ow * sw - left + kw,
              0 <= ih < H, 0 <= iw < W_in, kh < KH, kw < KW
    ```

    Constraints:
    1. `input` and output are rank 4 (NHWC) with the same per-tensor element
       type; N and C agree.
    2. `kernel` and `stride` have 2 positive values, `pad` 4 non-negative
       values.
    3. The output spatial sizes follow `hwq.avg_pool2d` rule 3.
    4. Each padding is smaller than the kernel extent on its axis (no window
       is all padding).

    Example:
    ```mlir
    %y = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>,
                            pad = array<i64: 1, 1, 1, 1>}
         : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.5:128>>
    ```
  }];
  let arguments = (ins
    Hwq_QuantTensor:$input,
    DenseI64ArrayAttr:$kernel,
    DenseI64ArrayAttr:$stride,
    DenseI64ArrayAttr:$pad
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
}

def Hwq_ConcatOp : Hwq_RealizedOp<"concat"> {
  let summary = "concatenation of quantized tensors sharing one quantized type";
  let description = [{
    Concatenates tensors along `axis`. No arithmetic happens: every input must
    already be on the output's grid (same per-tensor element type: storage,
    bounds, scale, zero point). Inputs on other grids are first brought onto
    it with `hwq.requantize` (the requantize-first rule; the realize pass
    inserts those, or the target's `scale_sharing = shared` rule makes
    calibration give them one scale).

    Semantics:
    ```
    output = inputs[0] ++ inputs[1] ++ ... along axis   // integers copied
    ```

    Constraints:
    1. At least one input.
    2. Every input and the output have the same per-tensor element type.
    3. Every input has the output's rank and `axis` is in [0, rank).
    4. Every dimension other than `axis` agrees with the output; the output's
       `axis` dimension is the sum of the inputs' (checked when static).

    Example:
    ```mlir
    %y = hwq.concat %a, %b {axis = 3 : i64}
         : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>, tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>)
           -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>>
    ```
  }];
  let arguments = (ins
    Variadic<Hwq_QuantTensor>:$inputs,
    Hwq_I64Attr:$axis
  );
  let results = (outs Hwq_QuantTensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
}

#endif // HWQ_DIALECT_HWQ_IR_HWQOPS_TD
