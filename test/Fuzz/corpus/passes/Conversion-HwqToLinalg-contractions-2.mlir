func.func @depthwise(%x: tensor<1x6x6x2x!quant.uniform<i8:f32, 0.5>>, %w: tensor<3x3x2x3x!quant.uniform<i8:f32, 0.25>>, %b: tensor<6xi32>)
    -> tensor<1x4x4x6x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x6x6x2x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x2x3x!quant.uniform<i8:f32, 0.25>>, tensor<6xi32>)
      -> tensor<1x4x4x6x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x4x6x!quant.uniform<i32:f32, 0.125>>
}
