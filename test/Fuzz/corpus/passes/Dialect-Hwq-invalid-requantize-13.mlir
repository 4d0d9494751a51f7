func.func @case13(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  %y = hwq.requantize %x {multiplier = array<i32: 1073741825>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}
