func.func @case5(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x8x!quant.uniform<i8:f32, 0.25>>) {
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x8x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return
}
