func.func @mul(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
       : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.25>>
}
func.func @mul_16(%a: tensor<4x!quant.uniform<i16:f32, 0.5>>, %b: tensor<4x!quant.uniform<i16:f32, 0.25>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
       : (tensor<4x!quant.uniform<i16:f32, 0.5>>, tensor<4x!quant.uniform<i16:f32, 0.25>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i16:f32, 0.25>>
}
func.func @mul_wide(%a: tensor<4x!quant.uniform<i32:f32, 0.5>>, %b: tensor<4x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
       : (tensor<4x!quant.uniform<i32:f32, 0.5>>, tensor<4x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.25>>
}
