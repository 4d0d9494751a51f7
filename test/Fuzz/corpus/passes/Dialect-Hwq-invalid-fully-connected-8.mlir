func.func @case8(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<10x16x!quant.uniform<i8:f32, 0.25>>, %b: tensor<16xi32>) {
  %acc = hwq.fully_connected %x, %w, %b : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<10x16x!quant.uniform<i8:f32, 0.25>>, tensor<16xi32>) -> tensor<2x10x!quant.uniform<i32:f32, 0.125>>
  return
}
