func.func @case0(%x: tensor<16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>) {
  %acc = hwq.fully_connected %x, %w : (tensor<16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>) -> tensor<10x!quant.uniform<i32:f32, 0.125>>
  return
}
