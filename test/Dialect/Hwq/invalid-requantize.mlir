// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// requantize rule 1: same shape.
func.func @case0(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{input and output must have the same shape}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x3x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 2: same expressed type.
func.func @case1(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{operands and result must have the same expressed type, got 'f32' and 'f16'}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f16, 0.25>>
  return
}

// -----

// requantize rule 2: per-axis input fits its shape.
func.func @case2(%x: tensor<4x2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>) {
  // expected-error @+1 {{input has 2 per-axis scales but dimension 0 has size 4}}
  %y = hwq.requantize %x {axis = 0 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 3: per-axis input and output on different dimensions.
func.func @case3(%x: tensor<2x2x!quant.uniform<i32:f32:1, {0.125, 0.125}>>) {
  // expected-error @+1 {{input and output are per-axis on different dimensions (1 and 0)}}
  %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<2x2x!quant.uniform<i32:f32:1, {0.125, 0.125}>> -> tensor<2x2x!quant.uniform<i8:f32:0, {0.25, 0.25}>>
  return
}

// -----

// requantize rule 3: axis required with a per-axis input.
func.func @case4(%x: tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>>) {
  // expected-error @+1 {{requires 'axis' = 1 because the input or output is per-axis}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>} : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 3: axis only with a per-axis type.
func.func @case5(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{'axis' requires a per-axis input or output}}
  %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 3: axis equals the quantized dimension.
func.func @case6(%x: tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>>) {
  // expected-error @+1 {{'axis' 0 must equal the quantized dimension 1}}
  %y = hwq.requantize %x {axis = 0 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>} : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 4: multiplier and shift sizes agree.
func.func @case7(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{'multiplier' and 'shift' must have the same number of elements, got 1 and 2}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31, 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 4: 1 or #channels elements.
func.func @case8(%x: tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>>) {
  // expected-error @+1 {{'multiplier' and 'shift' must have 1 or 2 elements, got 3}}
  %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, shift = array<i32: 31, 32, 32>} : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 4: per-tensor types take one entry.
func.func @case9(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{'multiplier' and 'shift' must have 1 or 1 elements, got 2}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 5: shift in [0, 62].
func.func @case10(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{shift 63 is outside [0, 62]}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 63>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 5: shift non-negative.
func.func @case11(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{shift -1 is outside [0, 62]}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: -1>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 5: multiplier non-negative.
func.func @case12(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{multiplier -5 is outside [0, 2^31)}}
  %y = hwq.requantize %x {multiplier = array<i32: -5>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 6: multiplier pinned by the scales.
func.func @case13(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{requantize multiplier must be (multiplier 1073741824, shift 31) for the scale ratio 5.000000e-01, got (1073741825, 31)}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741825>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 6: shift pinned by the scales.
func.func @case14(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{requantize multiplier must be (multiplier 1073741824, shift 31) for the scale ratio 5.000000e-01, got (1073741824, 30)}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 6: per-channel constants.
func.func @case15(%x: tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>>) {
  // expected-error @+1 {{requantize multiplier of channel 1 must be (multiplier 1073741824, shift 32)}}
  %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 31>} : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 6: one shared entry must fit every channel.
func.func @case16(%x: tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>>) {
  // expected-error @+1 {{requantize multiplier of channel 1 must be (multiplier 1073741824, shift 32)}}
  %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 6: ratio representable (>= 2^31).
func.func @case17(%x: tensor<4x!quant.uniform<i32:f32, 4.0>>) {
  // expected-error @+1 {{scale ratio 4.294967e+09 of requantize multiplier is not representable as a Q31 multiplier with a shift in [0, 62]}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x!quant.uniform<i32:f32, 4.0>> -> tensor<4x!quant.uniform<i8:f32, 9.313225746154785E-10>>
  return
}

// -----

// requantize rule 7: clamp_min <= clamp_max.
func.func @case18(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{clamp_min 10 exceeds clamp_max 5}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>, clamp_min = 10 : i64, clamp_max = 5 : i64} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize rule 7: non-empty clip range.
func.func @case19(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  // expected-error @+1 {{fused clamp leaves an empty range: storage range [-128, 127] intersected with the clamp is [200, 127]}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>, clamp_min = 200 : i64} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// requantize type constraint: quantized input.
func.func @case20(%x: tensor<4x2xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of per-tensor or per-axis !quant.uniform values}}
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2xi32> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}
