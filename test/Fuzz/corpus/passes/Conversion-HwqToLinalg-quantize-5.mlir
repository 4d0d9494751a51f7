func.func @requantize_wide(%a: tensor<8x!quant.uniform<i32:f32, 0.125:-2147483648>>) -> tensor<8x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %a {multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
      : tensor<8x!quant.uniform<i32:f32, 0.125:-2147483648>> -> tensor<8x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.25>>
}
