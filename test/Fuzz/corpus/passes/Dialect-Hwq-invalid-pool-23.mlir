func.func @case23(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) {
  %y = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, pad = array<i64: 3, 0, 0, 0>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x9x6x4x!quant.uniform<i8:f32, 0.5>>
  return
}
