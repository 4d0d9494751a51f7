func.func @negative_axis(%a: tensor<2x!quant.uniform<i8:f32, 0.5>>) {
  %y = hwq.concat %a {axis = -1 : i64} : (tensor<2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}
