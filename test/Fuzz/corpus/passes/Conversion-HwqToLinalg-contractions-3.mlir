func.func @fully_connected(%x: tensor<2x3x16x!quant.uniform<i8:f32, 0.5:1>>, %w: tensor<4x16x!quant.uniform<i8:f32, 0.25>>)
    -> tensor<2x3x4x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.fully_connected %x, %w : (tensor<2x3x16x!quant.uniform<i8:f32, 0.5:1>>, tensor<4x16x!quant.uniform<i8:f32, 0.25>>)
      -> tensor<2x3x4x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<2x3x4x!quant.uniform<i32:f32, 0.125>>
}
