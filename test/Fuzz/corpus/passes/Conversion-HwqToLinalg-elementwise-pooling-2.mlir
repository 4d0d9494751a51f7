func.func @avg_pool_padded(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>> {
  %y = hwq.avg_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>}
       : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>> -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
  return %y : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:3>>
}
