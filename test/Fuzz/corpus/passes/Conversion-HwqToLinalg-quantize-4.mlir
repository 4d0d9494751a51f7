func.func @requantize(%a: tensor<8x!quant.uniform<i32:f32, 0.125>>) -> tensor<8x!quant.uniform<i8:f32, 0.25:-128>> {
  %q = hwq.requantize %a {multiplier = array<i32: 1073741824>, shift = array<i32: 31>, clamp_min = -128 : i64}
      : tensor<8x!quant.uniform<i32:f32, 0.125>> -> tensor<8x!quant.uniform<i8:f32, 0.25:-128>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.25:-128>>
}
