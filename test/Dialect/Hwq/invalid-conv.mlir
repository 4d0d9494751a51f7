// RUN: hwq-opt %s -split-input-file -verify-diagnostics

// conv2d rule 1: input rank 4.
func.func @case0(%x: tensor<8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input must be rank 4}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 1: weight rank 4.
func.func @case1(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x9x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{weight must be rank 4}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x9x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 1: result rank 4.
func.func @case2(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be rank 4}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 1: per-tensor input.
func.func @case3(%x: tensor<1x8x8x3x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.5}>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input must be per-tensor quantized}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.5}>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 1: per-axis weights on dimension 0.
func.func @case4(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32:3, {0.25, 0.25, 0.25}>>) {
  // expected-error @+1 {{per-axis weights must be quantized on dimension 0 (O), got 3}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32:3, {0.25, 0.25, 0.25}>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 1: per-axis weights have one scale per output channel.
func.func @case5(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.25, 0.25}>>) {
  // expected-error @+1 {{weight has 3 per-axis scales but dimension 0 has size 2}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.25, 0.25}>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 2: pad has 4 values.
func.func @case6(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{'pad' must have 4 values, got 2}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 2: pad is non-negative.
func.func @case7(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{'pad' values must be non-negative, got -1}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, -1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 2: stride is positive.
func.func @case8(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{'stride' values must be positive, got 0}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 0, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 2: dilation has 2 values.
func.func @case9(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{'dilation' must have 2 values, got 3}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 3: input channels.
func.func @case10(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x4x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input channels and weight dimension 3 disagree: 3 vs 4}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 3: batch.
func.func @case11(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{input and result batch disagree: 1 vs 2}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 3: output channels.
func.func @case12(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{weight dimension 0 and result channels disagree: 2 vs 5}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x5x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 4: bias rank.
func.func @case13(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>, %b: tensor<1x2xi32>) {
  // expected-error @+1 {{bias must be rank 1}}
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>, tensor<1x2xi32>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 4: bias size.
func.func @case14(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>, %b: tensor<3xi32>) {
  // expected-error @+1 {{bias size and output channels disagree: 3 vs 2}}
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>, tensor<3xi32>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 5: output height.
func.func @case15(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{output height must be 8, got 6}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 5: output width with stride and dilation: (8 + 2 - 5) / 2 + 1 = 3.
func.func @case16(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{output width must be 3, got 4}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 2>, dilation = array<i64: 1, 2>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x4x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 5: window larger than the padded input.
func.func @case17(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{padded input height 8 is smaller than the window extent 9}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 4, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x1x6x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 6: signed i16/i32 storage.
func.func @case18(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be a signed i16 or i32 accumulator}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.125>>
  return
}

// -----

// conv2d rule 6: unsigned storage.
func.func @case19(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be a signed i16 or i32 accumulator}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<u32:f32, 0.125>>
  return
}

// -----

// conv2d rule 6: full storage range.
func.func @case20(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{accumulator must use the full storage range of i32, got [-1000, 1000]}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32<-1000:1000>:f32, 0.125>>
  return
}

// -----

// conv2d rule 6: zero point 0.
func.func @case21(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{accumulator zero point must be 0, got 3}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125:3>>
  return
}

// -----

// conv2d rule 6: expressed type.
func.func @case22(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{operands and result must have the same expressed type, got 'f32' and 'f16'}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f16, 0.125>>
  return
}

// -----

// conv2d rule 7: per-axis weights need a per-axis accumulator.
func.func @case23(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) {
  // expected-error @+1 {{result must be per-axis on dimension 3 exactly when the weight is per-axis}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}

// -----

// conv2d rule 7: per-tensor weights need a per-tensor accumulator.
func.func @case24(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{result must be per-axis on dimension 3 exactly when the weight is per-axis}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.125}>>
  return
}

// -----

// conv2d rule 7: accumulator axis.
func.func @case25(%x: tensor<2x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) {
  // expected-error @+1 {{per-axis result must be quantized on dimension 3, got 0}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<2x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) -> tensor<2x8x8x2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>
  return
}

// -----

// conv2d rule 7: accumulator scale.
func.func @case26(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  // expected-error @+1 {{accumulator scale 2.500000e-01 (channel 0) must equal the input scale times the weight scale, 1.250000e-01}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.25>>
  return
}

// -----

// conv2d rule 7: per-channel accumulator scale.
func.func @case27(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) {
  // expected-error @+1 {{accumulator scale 1.250000e-01 (channel 1) must equal the input scale times the weight scale, 6.250000e-02}}
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) -> tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.125}>>
  return
}

// -----

// conv2d type constraint: the bias is i32.
func.func @case28(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>, %b: tensor<2xi64>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of 32-bit signless integer values}}
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>, tensor<2xi64>) -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}
