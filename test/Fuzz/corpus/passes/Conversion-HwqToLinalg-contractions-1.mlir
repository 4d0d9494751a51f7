func.func @conv2d_u8_per_channel_i16(%x: tensor<1x9x9x2x!quant.uniform<u8:f32, 0.5:128>>, %w: tensor<2x3x3x2x!quant.uniform<i8:f32:0, {0.25:1, 0.125:-1}>>)
    -> tensor<1x4x3x2x!quant.uniform<i16:f32:3, {0.125, 0.0625}>> {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 2>}
      : (tensor<1x9x9x2x!quant.uniform<u8:f32, 0.5:128>>, tensor<2x3x3x2x!quant.uniform<i8:f32:0, {0.25:1, 0.125:-1}>>)
      -> tensor<1x4x3x2x!quant.uniform<i16:f32:3, {0.125, 0.0625}>>
  return %acc : tensor<1x4x3x2x!quant.uniform<i16:f32:3, {0.125, 0.0625}>>
}
