func.func @case20(%a: tensor<4x!quant.uniform<i8:f32, 1024.0>>, %b: tensor<4x!quant.uniform<i8:f32, 1024.0>>) {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 0 : i32} : (tensor<4x!quant.uniform<i8:f32, 1024.0>>, tensor<4x!quant.uniform<i8:f32, 1024.0>>) -> tensor<4x!quant.uniform<i8:f32, 9.765625E-5>>
  return
}
