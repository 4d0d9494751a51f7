func.func @concat(%a: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>> {
  %y = hwq.concat %a, %b {axis = 3 : i64}
       : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>, tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>>
}
