func.func @case11(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: -1>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}
