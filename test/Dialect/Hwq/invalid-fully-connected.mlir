// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// fully_connected rule 1: input rank >= 2.
func.func @case0(%x: tensor<16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input must have rank >= 2}}
  %acc = hwq.fully_connected %x, %w : (tensor<16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 1: weight rank 2.
func.func @case1(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x1x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{weight must be rank 2}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x1x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 1: result rank equals the input's.
func.func @case2(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be rank 2}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x2x10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 1: per-tensor input.
func.func @case3(%x: tensor<2x16x!quant.uniform<i8:f32:0, {0.5, 0.5}>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input must be per-tensor quantized}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32:0, {0.5, 0.5}>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 1: per-axis weights on dimension 0.
func.func @case4(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x2x!quant.uniform<i8:f32:1, {0.25, 0.25}>>) {
  // expected-error @+1 {{per-axis weights must be quantized on dimension 0 (OC), got 1}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x2x!quant.uniform<i8:f32:1, {0.25, 0.25}>>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 2: K.
func.func @case5(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x8x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input dimension K and weight dimension 1 disagree: 16 vs 8}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x8x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 2: leading dimensions.
func.func @case6(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input and result dimension 0 disagree: 2 vs 3}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<3x10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 2: output channels.
func.func @case7(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{weight dimension 0 and result channels disagree: 10 vs 11}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x11x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 3: bias size.
func.func @case8(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>, %b: tensor<16xi32>) {
  // expected-error @+1 {{bias size and output channels disagree: 16 vs 10}}
  %acc = hwq.fully_connected %x, %w, %b : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>, tensor<16xi32>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// fully_connected rule 4: accumulator storage.
func.func @case9(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be a signed i16 or i32 accumulator}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x10x!quant.uniform<i8:f32, 0.125>>
  return
}

// -----

// fully_connected rule 4: per-axis accumulator on the last dimension.
func.func @case10(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x16x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) {
  // expected-error @+1 {{per-axis result must be quantized on dimension 1, got 0}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<2x16x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) -> tensor<2x2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>
  return
}

// -----

// fully_connected rule 4: accumulator scale.
func.func @case11(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{must equal the input scale times the weight scale}}
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x10x!quant.uniform<i32:f32, 0.12>>
  return
}
