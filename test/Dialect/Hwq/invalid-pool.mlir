// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// avg_pool2d rule 1: rank 4 input.
func.func @case0(%x: tensor<8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input must be rank 4}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 1: rank 4 result.
func.func @case1(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{result must be rank 4}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 1: per-tensor input.
func.func @case2(%x: tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>) {
  // expected-error @+1 {{input must be per-tensor quantized}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>> -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 1: per-tensor result.
func.func @case3(%x: tensor<1x8x8x2x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{result must be per-tensor quantized}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x2x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>
  return
}

// -----

// avg_pool2d rule 1: same expressed type.
func.func @case4(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{operands and result must have the same expressed type}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:bf16, 0.5>>
  return
}

// -----

// avg_pool2d rule 1: batch.
func.func @case5(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input and result batch disagree: 1 vs 2}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 1: channels.
func.func @case6(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input and result channels disagree: 4 vs 3}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 2: kernel has 2 values.
func.func @case7(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{'kernel' must have 2 values, got 1}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 2: kernel is positive.
func.func @case8(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{'kernel' values must be positive, got 0}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 0, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 2: stride is positive.
func.func @case9(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{'stride' values must be positive, got -2}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, -2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 2: pad has 4 values.
func.func @case10(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{'pad' must have 4 values, got 2}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 3: output height.
func.func @case11(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{output height must be 4, got 3}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x3x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 3: output width.
func.func @case12(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{output width must be 4, got 5}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x5x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 3: kernel larger than the padded input.
func.func @case13(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{padded input width 8 is smaller than the window extent 9}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 1, 9>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x8x1x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 4: padding smaller than the kernel.
func.func @case14(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{padding 2 must be smaller than the kernel width 2 (a window must hold an input element)}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 2>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x5x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 5: representable ratio for every count.
func.func @case15(%x: tensor<1x2x2x1x!quant.uniform<i32:f32, 8.0>>) {
  // expected-error @+1 {{scale ratio 8.589935e+09 for a window of 1 elements is not representable}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x2x2x1x!quant.uniform<i32:f32, 8.0>> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 9.313225746154785E-10>>
  return
}

// -----

// max_pool2d rule 1: same element type.
func.func @case16(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input and result must have the same element type, got '!quant.uniform<i8:f32, 5.000000e-01>' and '!quant.uniform<i8:f32, 2.500000e-01>'}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

// max_pool2d rule 1: same element type (storage bounds).
func.func @case17(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input and result must have the same element type}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8<-100:100>:f32, 0.5>>
  return
}

// -----

// max_pool2d rule 1: rank 4.
func.func @case18(%x: tensor<8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input must be rank 4}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// max_pool2d rule 1: per-tensor.
func.func @case19(%x: tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>) {
  // expected-error @+1 {{input must be per-tensor quantized}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>> -> tensor<1x4x4x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>
  return
}

// -----

// max_pool2d rule 1: channels.
func.func @case20(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{input and result channels disagree: 4 vs 8}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x8x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// max_pool2d rule 2: stride has 2 values.
func.func @case21(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{'stride' must have 2 values, got 3}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// max_pool2d rule 3: output height with padding: (8 + 2 - 3) / 2 + 1 = 4.
func.func @case22(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{output height must be 4, got 5}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x5x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// max_pool2d rule 4: padding smaller than the kernel.
func.func @case23(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{padding 3 must be smaller than the kernel height 3}}
  %y = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, pad = array<i64: 3, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x9x6x4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

// avg_pool2d rule 5: the largest count matters too (ratio 2^-31 / 4 = 2^-33).
func.func @large_count(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 4.76837158203125E-7>>) {
  // expected-error @+1 {{scale ratio 1.164153e-10 for a window of 4 elements is not representable}}
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x2x2x1x!quant.uniform<i8:f32, 4.76837158203125E-7>> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 1024.0>>
  return
}
