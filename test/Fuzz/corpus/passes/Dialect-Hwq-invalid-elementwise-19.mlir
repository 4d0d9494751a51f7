func.func @case19(%a: tensor<4x!quant.uniform<i8:f32, 0.1>>, %b: tensor<4x!quant.uniform<i8:f32, 0.2>>) {
  %y = hwq.mul %a, %b {multiplier = 1717986918 : i32, shift = 32 : i32} : (tensor<4x!quant.uniform<i8:f32, 0.1>>, tensor<4x!quant.uniform<i8:f32, 0.2>>) -> tensor<4x!quant.uniform<i8:f32, 0.05>>
  return
}
