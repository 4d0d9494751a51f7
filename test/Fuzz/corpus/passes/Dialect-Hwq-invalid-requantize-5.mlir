func.func @case5(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}
