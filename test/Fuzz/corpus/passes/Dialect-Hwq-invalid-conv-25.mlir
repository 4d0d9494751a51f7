func.func @case25(%x: tensor<2x8x8x3x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<2x8x8x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x3x3x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) -> tensor<2x8x8x2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>
  return
}
