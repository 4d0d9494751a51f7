func.func @conv2d(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>, %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25:2>>, %b: tensor<2xi32>)
    -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>, tensor<2x3x3x3x!quant.uniform<i8:f32, 0.25:2>>, tensor<2xi32>)
      -> tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>
}
