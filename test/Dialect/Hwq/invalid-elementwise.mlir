// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// add rule 1: per-tensor operands.
func.func @case0(%a: tensor<1x4x!quant.uniform<i8:f32:1, {0.5, 0.5, 0.5, 0.5}>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{operand 'a' must be per-tensor quantized}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32:1, {0.5, 0.5, 0.5, 0.5}>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 1: per-tensor result.
func.func @case1(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{result must be per-tensor quantized}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32:0, {1.0}>>
  return
}

// -----

// add rule 1: same expressed type.
func.func @case2(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f16, 1.0>>) {
  // expected-error @+1 {{operands and result must have the same expressed type, got 'f32' and 'f16'}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f16, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 2: same rank.
func.func @case3(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{operands and result must have the same rank (TOSA broadcasting)}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 2: broadcastable dimensions.
func.func @case4(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x3x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{dimension 1 of operand 'tensor<1x3x!quant.uniform<i8:f32, 1.000000e+00>>' must be 1 or equal the result's 4}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 2: result dimension is the broadcast one.
func.func @case5(%a: tensor<1x1x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{result dimension 1 must be 1, got 4}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 3: intermediate_shift in [0, 30].
func.func @case6(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{'intermediate_shift' must be in [0, 30], got 31}}
  %y = hwq.add %a, %b {intermediate_shift = 31 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 3: intermediate_shift non-negative.
func.func @case7(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{'intermediate_shift' must be in [0, 30], got -1}}
  %y = hwq.add %a, %b {intermediate_shift = -1 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 4: rescale of a.
func.func @case8(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{rescale of operand 'a' must be (multiplier 1073741824, shift 20) for the scale ratio 1.024000e+03, got (1073741824, 21)}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 21 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 4: rescale of b.
func.func @case9(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{rescale of operand 'b' must be (multiplier 1073741824, shift 19) for the scale ratio 2.048000e+03, got (1073741823, 19)}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741823 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 4: output rescale.
func.func @case10(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{output rescale must be (multiplier 1073741824, shift 41) for the scale ratio 4.882812e-04, got (1073741824, 40)}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 40 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 4: ratio representable.
func.func @case11(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{scale ratio 3.814697e-12 of output rescale is not representable}}
  %y = hwq.add %a, %b {intermediate_shift = 17 : i32, multiplier_a = 1073741824 : i32, shift_a = 13 : i32, multiplier_b = 1073741824 : i32, shift_b = 12 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0e+06>>
  return
}

// -----

// add rule 5: the rescaled sum stays below 2^31.
func.func @case12(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{intermediate_shift 24 lets the rescaled sum reach 2^31; choose a smaller intermediate_shift}}
  %y = hwq.add %a, %b {intermediate_shift = 24 : i32, multiplier_a = 1073741824 : i32, shift_a = 6 : i32, multiplier_b = 1073741824 : i32, shift_b = 5 : i32, multiplier_out = 1073741824 : i32, shift_out = 55 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 6: clamp_min <= clamp_max.
func.func @case13(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{clamp_min 3 exceeds clamp_max 2}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32, clamp_min = 3 : i64, clamp_max = 2 : i64} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// add rule 6: non-empty clip range.
func.func @case14(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{fused clamp leaves an empty range}}
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32, clamp_max = -129 : i64} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}

// -----

// mul rule 1: per-tensor operand b.
func.func @case15(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32:0, {0.25, 0.25, 0.25, 0.25}>>) {
  // expected-error @+1 {{operand 'b' must be per-tensor quantized}}
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32:0, {0.25, 0.25, 0.25, 0.25}>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// mul rule 1: same expressed type.
func.func @case16(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{operands and result must have the same expressed type}}
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:bf16, 0.25>>
  return
}

// -----

// mul rule 2: broadcasting.
func.func @case17(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{dimension 0 of operand}}
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// mul rule 3: constants pinned by the scales.
func.func @case18(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{output rescale must be (multiplier 1073741824, shift 31) for the scale ratio 5.000000e-01, got (1073741824, 30)}}
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 30 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// mul rule 3: the accumulator scale is the f32 product (float64 product rejected).
func.func @case19(%a: tensor<4x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4x!quant.uniform<i8:f32, 0.2>>) {
  // expected-error @+1 {{output rescale must be (multiplier 1717986880, shift 32)}}
  %y = hwq.mul %a, %b {multiplier = 1717986918 : i32, shift = 32 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f32, 0.2>>) -> tensor<4x!quant.uniform<i8:f32, 0.05>>
  return
}

// -----

// mul rule 3: ratio representable.
func.func @case20(%a: tensor<4x!quant.uniform<i8:f32, 1024.0>>, %b: tensor<4x!quant.uniform<i8:f32, 1024.0>>) {
  // expected-error @+1 {{scale ratio 1.073742e+10 of output rescale is not representable}}
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 0 : i32} : (tensor<4x!quant.uniform<i8:f32, 1024.0>>, tensor<4x!quant.uniform<i8:f32, 1024.0>>) -> tensor<4x!quant.uniform<i8:f32, 9.765625E-5>>
  return
}

// -----

// mul rule 4: non-empty clip range.
func.func @case21(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{fused clamp leaves an empty range}}
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32, clamp_min = 128 : i64} : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}
