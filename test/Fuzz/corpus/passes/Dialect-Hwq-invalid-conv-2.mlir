func.func @case2(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<8x8x2x!quant.uniform<i32:f32, 0.125>>
  return
}
