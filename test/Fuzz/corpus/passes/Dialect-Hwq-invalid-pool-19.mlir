func.func @case19(%x: tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>) {
  %y = hwq.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>> -> tensor<1x4x4x2x!quant.uniform<i8:f32:3, {0.5, 0.5}>>
  return
}
