func.func @case9(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x10x!quant.uniform<i8:f32, 0.125>>
  return
}
