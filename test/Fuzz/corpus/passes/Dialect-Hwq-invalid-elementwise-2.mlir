func.func @case2(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f16, 1.0>>) {
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32, multiplier_a = 1073741824 : i32, shift_a = 20 : i32, multiplier_b = 1073741824 : i32, shift_b = 19 : i32, multiplier_out = 1073741824 : i32, shift_out = 41 : i32} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f16, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return
}
