func.func @per_axis_b(%a: tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x8x3x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25}>>) {
  %acc = hwq.matmul %a, %b : (tensor<1x4x8x!quant.uniform<i8:f32, 0.5>>, tensor<1x8x3x!quant.uniform<i8:f32:2, {0.25, 0.25, 0.25}>>) -> tensor<1x4x3x!quant.uniform<i32:f32, 0.125>>
  return
}
