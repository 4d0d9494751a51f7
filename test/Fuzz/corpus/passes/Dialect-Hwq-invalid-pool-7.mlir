func.func @case7(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return
}
