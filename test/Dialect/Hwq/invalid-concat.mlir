// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// concat rule 1: at least one input.
func.func @no_inputs() {
  // expected-error @+1 {{requires at least one input}}
  %y = hwq.concat {axis = 0 : i64} : () -> tensor<0x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// concat rule 2: inputs share the result's grid (requantize first).
func.func @scale(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>, %b: tensor<2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input 1 has element type '!quant.uniform<i8:f32, 2.500000e-01>' but the result has '!quant.uniform<i8:f32, 5.000000e-01>'; requantize inputs onto the result's grid first}}
  %y = hwq.concat %a, %b {axis = 0 : i64} : (tensor<2x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// concat rule 2: the zero point is part of the grid.
func.func @zero_point(%a: tensor<2x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input 0 has element type '!quant.uniform<i8:f32, 5.000000e-01:1>' but the result has '!quant.uniform<i8:f32, 5.000000e-01>'}}
  %y = hwq.concat %a, %b {axis = 0 : i64} : (tensor<2x!quant.uniform<i8:f32, 0.5:1>>, tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// concat rule 2: per-tensor only.
func.func @per_axis(%a: tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.5}>>) {
  // expected-error @+1 {{result must be per-tensor quantized}}
  %y = hwq.concat %a {axis = 0 : i64} : (tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.5}>>) -> tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.5}>>
  return
}

// -----

// concat rule 3: axis in range.
func.func @axis(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %y = hwq.concat %a {axis = 1 : i64} : (tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// concat rule 3: negative axis.
func.func @negative_axis(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{axis -1 is out of range for rank 1}}
  %y = hwq.concat %a {axis = -1 : i64} : (tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// concat rule 3: same rank.
func.func @rank(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input 1 must have rank 1}}
  %y = hwq.concat %a, %b {axis = 0 : i64} : (tensor<2x!quant.uniform<i8:f32, 0.5>>, tensor<1x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// concat rule 4: other dimensions agree.
func.func @other_dim(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5>>, %b: tensor<2x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{dimension 1 of input 1 and the result disagree: 4 vs 3}}
  %y = hwq.concat %a, %b {axis = 0 : i64} : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x3x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// concat rule 4: the axis dimension is the sum.
func.func @sum(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5>>, %b: tensor<2x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{result dimension 1 must be 7 (the sum of the inputs'), got 6}}
  %y = hwq.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x6x!quant.uniform<i8:f32, 0.5>>
  return
}
