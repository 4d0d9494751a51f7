func.func @case21(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32, clamp_min = 128 : i64} : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}
