func.func @requantize_per_channel(%a: tensor<3x2x!quant.uniform<i32:f32:1, {0.125, 0.1875}>>) -> tensor<3x2x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %a {axis = 1 : i64, multiplier = array<i32: 1073741824, 1610612736>, shift = array<i32: 31, 31>}
      : tensor<3x2x!quant.uniform<i32:f32:1, {0.125, 0.1875}>> -> tensor<3x2x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<3x2x!quant.uniform<i8:f32, 0.25>>
}
