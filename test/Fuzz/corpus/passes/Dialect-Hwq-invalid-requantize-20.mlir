func.func @case20(%x: tensor<4x2xi32>) {
  %y = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 31>} : tensor<4x2xi32> -> tensor<4x2x!quant.uniform<i8:f32, 0.25>>
  return
}
