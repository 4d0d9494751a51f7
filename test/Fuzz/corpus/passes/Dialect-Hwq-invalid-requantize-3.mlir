func.func @case3(%x: tensor<2x2x!quant.uniform<i32:f32:1, {0.125, 0.125}>>) {
  %y = hwq.requantize %x {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<2x2x!quant.uniform<i32:f32:1, {0.125, 0.125}>> -> tensor<2x2x!quant.uniform<i8:f32:0, {0.25, 0.25}>>
  return
}
