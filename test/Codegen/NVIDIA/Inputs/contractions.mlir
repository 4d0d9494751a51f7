// Realized contractions of the NVIDIA code generation tests: odd sizes,
// several 64 x 64 blocks and 32-wide K tiles, padding, strides, dilations,
// u8 and i8 operands, zero points on both sides, per-channel weights,
// fused requantize with a clamp, accumulator outputs.

!x1 = !quant.uniform<i8:f32, 0.5:3>
!w1 = !quant.uniform<i8<-127:127>:f32, 0.25>
!a1 = !quant.uniform<i32:f32, 0.125>
!y1 = !quant.uniform<i8:f32, 512.0:-2>
func.func @fc_big(%x: tensor<5x300x!x1>, %w: tensor<70x300x!w1>, %b: tensor<70xi32>) -> tensor<5x70x!y1> {
  %acc = hwq.fully_connected %x, %w, %b : (tensor<5x300x!x1>, tensor<70x300x!w1>, tensor<70xi32>) -> tensor<5x70x!a1>
  %y = hwq.requantize %acc {multiplier = array<i32: 1073741824>, shift = array<i32: 42>} : tensor<5x70x!a1> -> tensor<5x70x!y1>
  return %y : tensor<5x70x!y1>
}

!xa = !quant.uniform<u8:f32, 0.5:120>
!xb = !quant.uniform<i8:f32, 0.25:-5>
!y2 = !quant.uniform<u8:f32, 64.0:128>
func.func @matmul(%a: tensor<2x37x45x!xa>, %b: tensor<2x45x70x!xb>) -> tensor<2x37x70x!y2> {
  %acc = hwq.matmul %a, %b : (tensor<2x37x45x!xa>, tensor<2x45x70x!xb>) -> tensor<2x37x70x!a1>
  %y = hwq.requantize %acc {multiplier = array<i32: 1073741824>, shift = array<i32: 39>} : tensor<2x37x70x!a1> -> tensor<2x37x70x!y2>
  return %y : tensor<2x37x70x!y2>
}

!x3 = !quant.uniform<u8:f32, 0.5:128>
!w3 = !quant.uniform<i8<-127:127>:f32, 0.25>
!y3 = !quant.uniform<i8:f32, 64.0:-10>
func.func @conv_relu(%x: tensor<1x13x11x20x!x3>, %w: tensor<70x3x3x20x!w3>, %b: tensor<70xi32>) -> tensor<1x13x11x70x!y3> {
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x13x11x20x!x3>, tensor<70x3x3x20x!w3>, tensor<70xi32>) -> tensor<1x13x11x70x!a1>
  %y = hwq.requantize %acc {multiplier = array<i32: 1073741824>, shift = array<i32: 39>, clamp_min = -10 : i64}
      : tensor<1x13x11x70x!a1> -> tensor<1x13x11x70x!y3>
  return %y : tensor<1x13x11x70x!y3>
}

!x4 = !quant.uniform<i8:f32, 0.5:-3>
!w4 = !quant.uniform<i8:f32:0, {0.25:0, 0.125:1, 0.25:-1, 0.5:2, 0.25:0}>
!a4 = !quant.uniform<i32:f32:3, {0.125, 0.0625, 0.125, 0.25, 0.125}>
!y4 = !quant.uniform<i8:f32, 8.0:4>
func.func @conv_per_channel(%x: tensor<2x9x10x7x!x4>, %w: tensor<5x3x2x7x!w4>) -> tensor<2x5x9x5x!y4> {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 2, 1, 0, 1>, stride = array<i64: 2, 1>, dilation = array<i64: 1, 2>}
      : (tensor<2x9x10x7x!x4>, tensor<5x3x2x7x!w4>) -> tensor<2x5x9x5x!a4>
  %y = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824, 1073741824>, shift = array<i32: 36, 37, 36, 35, 36>}
      : tensor<2x5x9x5x!a4> -> tensor<2x5x9x5x!y4>
  return %y : tensor<2x5x9x5x!y4>
}

!x5 = !quant.uniform<i8:f32, 0.5>
!w5 = !quant.uniform<i8:f32, 0.25>
func.func @conv_accumulator(%x: tensor<1x6x6x5x!x5>, %w: tensor<3x3x3x5x!w5>) -> tensor<1x4x4x3x!a1> {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x6x6x5x!x5>, tensor<3x3x3x5x!w5>) -> tensor<1x4x4x3x!a1>
  return %acc : tensor<1x4x4x3x!a1>
}

!x6 = !quant.uniform<u8:f32, 0.5:100>
!w6 = !quant.uniform<i8:f32, 0.25>
!y6 = !quant.uniform<i8:f32, 16.0:1>
func.func @depthwise_multiplier(%x: tensor<1x10x9x6x!x6>, %w: tensor<3x3x6x2x!w6>, %b: tensor<12xi32>) -> tensor<1x5x5x12x!y6> {
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
      : (tensor<1x10x9x6x!x6>, tensor<3x3x6x2x!w6>, tensor<12xi32>) -> tensor<1x5x5x12x!a1>
  %y = hwq.requantize %acc {multiplier = array<i32: 1073741824>, shift = array<i32: 37>} : tensor<1x5x5x12x!a1> -> tensor<1x5x5x12x!y6>
  return %y : tensor<1x5x5x12x!y6>
}

!x7 = !quant.uniform<i8:f32, 0.03125:-3>
!w7 = !quant.uniform<i8:f32:2, {0.015625:0, 0.0078125:1, 0.03125:-2, 0.0625:3}>
!a7 = !quant.uniform<i32:f32:3, {4.8828125e-4, 2.44140625e-4, 9.765625e-4, 1.953125e-3}>
!y7 = !quant.uniform<i8:f32, 0.0625>
func.func @depthwise_per_channel(%x: tensor<2x7x6x4x!x7>, %w: tensor<5x3x4x1x!w7>) -> (tensor<2x6x4x4x!y7>, tensor<2x6x4x4x!a7>) {
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 2, 1, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<2x7x6x4x!x7>, tensor<5x3x4x1x!w7>) -> tensor<2x6x4x4x!a7>
  %y = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, shift = array<i32: 37, 38, 36, 35>}
      : tensor<2x6x4x4x!a7> -> tensor<2x6x4x4x!y7>
  return %y, %acc : tensor<2x6x4x4x!y7>, tensor<2x6x4x4x!a7>
}
