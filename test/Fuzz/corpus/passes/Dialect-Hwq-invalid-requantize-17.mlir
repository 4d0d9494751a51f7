func.func @case17(%x: tensor<4x!quant.uniform<i32:f32, 4.0>>) {
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x!quant.uniform<i32:f32, 4.0>> -> tensor<4x!quant.uniform<i8:f32, 9.313225746154785E-10>>
  return
}
