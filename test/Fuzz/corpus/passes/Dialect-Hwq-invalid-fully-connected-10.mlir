func.func @case10(%x: tensor<2x16x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x16x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) {
  %acc = hwq.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i8:f32, 0.5>>, tensor<2x16x!quant.uniform<i8:f32:0, {0.25, 0.125}>>) -> tensor<2x2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>
  return
}
