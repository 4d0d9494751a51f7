func.func @case4(%x: tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>>) {
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>} : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}
