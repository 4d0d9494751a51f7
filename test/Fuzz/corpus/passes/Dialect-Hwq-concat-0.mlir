func.func @concat_channels(%a: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>> {
  %y = hwq.concat %a, %b {axis = 3 : i64}
      : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5>>, tensor<1x4x4x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x4x4x5x!quant.uniform<i8:f32, 0.5>>
}
func.func @concat_requantize_first(%a: tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>,
                                   %b: tensor<1x3x!quant.uniform<i8:f32, 0.25>>,
                                   %c: tensor<?x3x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<?x3x!quant.uniform<u8:f32, 0.5:128>> {
  %r = hwq.requantize %b {multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
      : tensor<1x3x!quant.uniform<i8:f32, 0.25>> -> tensor<1x3x!quant.uniform<u8:f32, 0.5:128>>
  %y = hwq.concat %a, %r, %c {axis = 0 : i64}
      : (tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>, tensor<1x3x!quant.uniform<u8:f32, 0.5:128>>, tensor<?x3x!quant.uniform<u8:f32, 0.5:128>>)
      -> tensor<?x3x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<?x3x!quant.uniform<u8:f32, 0.5:128>>
}
func.func @concat_single(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.5>> {
  %y = hwq.concat %a {axis = 1 : i64} : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.5>>
}
