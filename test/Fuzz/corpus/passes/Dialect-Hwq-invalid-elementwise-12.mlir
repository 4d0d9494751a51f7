func.func @case12(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) {
  %y = hwq.add %a, %b {intermediate_shift = 24 : i32, multiplier_a = 1073741824 : i32, shift_a = 6 : i32, multiplier_b = 1073741824 : i32, shift_b = 5 : i32, multiplier_out = 1073741824 : i32, shift_out = 55 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}
