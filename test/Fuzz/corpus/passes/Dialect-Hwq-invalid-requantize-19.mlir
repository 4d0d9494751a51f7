func.func @case19(%x: tensor<4x2x!quant.uniform<i32:f32, 0.125>>) {
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>, clamp_min = 200 : i64} : tensor<4x2x!quant.uniform<i32:f32, 0.125>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}
