func.func @case22(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  %y = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x5x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}
