// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// sim_quantize rule 1: bits in [2, 32].
func.func @bits_low(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'bits' failed to satisfy constraint: 32-bit signless integer attribute whose minimum value is 2 whose maximum value is 32}}
  %y = hwq.sim_quantize %x {bits = 1 : i32} : tensor<4xf32>
  return
}

// -----

// sim_quantize rule 1: bits in [2, 32].
func.func @bits_high(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'bits' failed to satisfy constraint}}
  %y = hwq.sim_quantize %x {bits = 33 : i32} : tensor<4xf32>
  return
}

// -----

// sim_quantize rule 2: scale without zero_point.
func.func @scale_only(%x: tensor<4xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{requires scale and zero_point together}}
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) {bits = 8 : i32} : tensor<4xf32>
  return
}

// -----

// sim_quantize rule 2: zero_point without scale.
func.func @zero_point_only(%x: tensor<4xf32>, %z: tensor<i32>) {
  // expected-error @+1 {{requires scale and zero_point together}}
  %y = hwq.sim_quantize %x zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  return
}

// -----

// sim_quantize rule 2: acc_scale requires scale and zero_point.
func.func @acc_scale_alone(%x: tensor<4xf32>, %a: tensor<f32>) {
  // expected-error @+1 {{acc_scale requires scale and zero_point}}
  %y = hwq.sim_quantize %x acc_scale(%a : tensor<f32>) {bits = 8 : i32} : tensor<4xf32>
  return
}

// -----

// sim_quantize rule 3: parameters are rank 0 or 1.
func.func @param_rank(%x: tensor<4x4xf32>, %s: tensor<1x4xf32>, %z: tensor<i32>) {
  // expected-error @+1 {{quantization parameters must be rank 0 or 1, got 'tensor<1x4xf32>'}}
  %y = hwq.sim_quantize %x scale(%s : tensor<1x4xf32>) zero_point(%z : tensor<i32>) {axis = 1 : i64, bits = 8 : i32} : tensor<4x4xf32>
  return
}

// -----

// sim_quantize rule 3: several elements need an axis.
func.func @needs_axis(%x: tensor<4x4xf32>, %s: tensor<4xf32>, %z: tensor<i32>) {
  // expected-error @+1 {{quantization parameters with other than one element need an axis, got 'tensor<4xf32>'}}
  %y = hwq.sim_quantize %x scale(%s : tensor<4xf32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4x4xf32>
  return
}

// -----

// sim_quantize rule 3: per-axis size is the axis dimension.
func.func @axis_size(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<3xi32>) {
  // expected-error @+1 {{per-axis quantization parameters need 2 elements (input dimension 0), got 'tensor<3xi32>'}}
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<3xi32>) {axis = 0 : i64, bits = 8 : i32} : tensor<2x3xf32>
  return
}

// -----

// sim_quantize rule 3: acc_scale follows the same rule.
func.func @acc_scale_size(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<i32>, %a: tensor<2xf32>) {
  // expected-error @+1 {{per-axis quantization parameters need 3 elements (input dimension 1), got 'tensor<2xf32>'}}
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%a : tensor<2xf32>) {axis = 1 : i64, bits = 8 : i32} : tensor<2x3xf32>
  return
}

// -----

// sim_quantize rule 4: axis in range.
func.func @axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %y = hwq.sim_quantize %x {axis = 2 : i64, bits = 8 : i32} : tensor<2x3xf32>
  return
}

// -----

// sim_quantize rule 4: axis is non-negative.
func.func @axis_negative(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %y = hwq.sim_quantize %x {axis = -1 : i64, bits = 8 : i32} : tensor<2x3xf32>
  return
}

// -----

// sim_quantize rule 5: narrow_range requires is_signed.
func.func @narrow_unsigned(%x: tensor<4xf32>) {
  // expected-error @+1 {{narrow_range requires is_signed}}
  %y = hwq.sim_quantize %x {bits = 8 : i32, is_signed = false, narrow_range = true} : tensor<4xf32>
  return
}

// -----

// Input and output types match (the format prints one type; the generic
// form can disagree).
func.func @types_match(%x: tensor<4xf32>) {
  // expected-error @+1 {{all of {input, output} have same type}}
  %y = "hwq.sim_quantize"(%x) <{bits = 8 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0>}> : (tensor<4xf32>) -> tensor<4xf16>
  return
}
