// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// depthwise_conv2d rule 1: input rank 4.
func.func @case0(%x: tensor<6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input must be rank 4}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 1: weight rank 4.
func.func @case1(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<9x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{weight must be rank 4}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<9x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 1: result rank 4.
func.func @case2(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be rank 4}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 1: per-tensor input.
func.func @case3(%x: tensor<1x6x6x4x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.5, 0.5}>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input must be per-tensor quantized}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.5, 0.5}>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 1: per-axis weights only on dimension 2 (C).
func.func @case4(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32:3, {0.25, 0.25}>>) {
  // expected-error @+1 {{per-axis depthwise weights must be quantized on dimension 2 (C), got 3}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32:3, {0.25, 0.25}>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 1: per-axis weights need M == 1.
func.func @case5(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25, 0.25}>>) {
  // expected-error @+1 {{per-axis depthwise weights require a channel multiplier (dimension 3) of 1, got 2}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25, 0.25}>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 1: per-axis weights have one scale per channel.
func.func @case6(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x1x!quant.uniform<i8:f32:2, {0.25, 0.25}>>) {
  // expected-error @+1 {{weight has 2 per-axis scales but dimension 2 has size 4}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x1x!quant.uniform<i8:f32:2, {0.25, 0.25}>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32:3, {0.125, 0.125}>>
  return
}

// -----

// depthwise_conv2d rule 2: stride has 2 values.
func.func @case7(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{'stride' must have 2 values, got 1}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 2: dilation is positive.
func.func @case8(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{'dilation' values must be positive, got 0}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 0>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 3: weight channels.
func.func @case9(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x3x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input channels and weight dimension 2 disagree: 4 vs 3}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 3: batch.
func.func @case10(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input and result batch disagree: 1 vs 3}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<3x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 3: C * M output channels.
func.func @case11(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input channels times multiplier and result channels disagree: 8 vs 4}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 3: bias size.
func.func @case12(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>, %b: tensor<4xi32>) {
  // expected-error @+1 {{bias size and output channels disagree: 4 vs 8}}
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>, tensor<4xi32>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 4: output height (no padding: 6 - 3 + 1 = 4).
func.func @case13(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{output height must be 4, got 6}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 5: accumulator zero point.
func.func @case14(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{accumulator zero point must be 0, got -1}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125:-1>>
  return
}

// -----

// depthwise_conv2d rule 5: per-axis weights need a per-axis accumulator.
func.func @case15(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x1x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25, 0.25}>>) {
  // expected-error @+1 {{result must be per-axis on dimension 3 exactly when the weight is per-axis}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x1x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25, 0.25}>>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// depthwise_conv2d rule 5: accumulator scale.
func.func @case16(%x: tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{accumulator scale 5.000000e-01 (channel 0) must equal the input scale times the weight scale, 1.250000e-01}}
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.5>>
  return
}
