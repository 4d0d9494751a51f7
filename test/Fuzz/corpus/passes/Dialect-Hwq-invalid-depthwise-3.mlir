func.func @case3(%x: tensor<1x6x6x4x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.5, 0.5}>>, %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) {
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x6x6x4x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.5, 0.5}>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x6x6x8x!quant.uniform<i32:f32, 0.125>>
  return
}
