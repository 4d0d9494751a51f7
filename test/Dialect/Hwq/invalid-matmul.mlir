// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// matmul rule 1: rank 3 operands.
func.func @rank_a(%a: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{operand 'a' must be rank 3}}
  %acc = hwq.matmul %a, %b : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// matmul rule 1: rank 3 result.
func.func @rank_result(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be rank 3}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x3x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// matmul rule 1: per-tensor operands.
func.func @per_axis_b(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25}>>) {
  // expected-error @+1 {{operand 'b' must be per-tensor quantized}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25}>>) -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// matmul rule 2: batch.
func.func @batch(%a: tensor<2x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{batch of 'a' and 'b' disagree: 2 vs 1}}
  %acc = hwq.matmul %a, %b : (tensor<2x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x4x3x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// matmul rule 2: K.
func.func @k(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x7x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{K of 'a' and 'b' disagree: 8 vs 7}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x7x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// matmul rule 2: M.
func.func @m(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{M of 'a' and the result disagree: 4 vs 5}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x5x3x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// matmul rule 2: N.
func.func @n(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{N of 'b' and the result disagree: 3 vs 2}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// matmul rule 3: per-tensor accumulator.
func.func @per_axis_result(%a: tensor<1x4x3x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be per-axis on dimension 2 exactly when the operand 'b' is per-axis}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x3x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x3x!quant.uniform<i32:f32:2, {0.125, 0.125, 0.125}>>
  return
}

// -----

// matmul rule 3: accumulator scale.
func.func @scale(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{accumulator scale 1.000000e+00 (channel 0) must equal the input scale times the operand 'b' scale, 1.250000e-01}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x3x!quant.uniform<i32:f32, 1.0>>
  return
}

// -----

// matmul rule 3: accumulator storage range.
func.func @range(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{accumulator must use the full storage range of i16, got [-32767, 32767]}}
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x3x!quant.uniform<i16<-32767:32767>:f32, 0.125>>
  return
}
