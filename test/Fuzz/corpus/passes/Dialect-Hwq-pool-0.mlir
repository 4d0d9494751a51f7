func.func @avg_pool(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>> {
  %y = hwq.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>}
      : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.5>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5>>
}
func.func @avg_pool_padded_rescale(%x: tensor<2x5x5x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x5x5x3x!quant.uniform<i8:f32, 0.05:-1>> {
  %y = hwq.avg_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<2x5x5x3x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x5x5x3x!quant.uniform<i8:f32, 0.05:-1>>
  return %y : tensor<2x5x5x3x!quant.uniform<i8:f32, 0.05:-1>>
}
func.func @global_avg_pool(%x: tensor<?x7x7x64x!quant.uniform<i8:f32, 0.25:3>>) -> tensor<?x1x1x64x!quant.uniform<i8:f32, 0.25:3>> {
  %y = hwq.avg_pool2d %x {kernel = array<i64: 7, 7>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>}
      : tensor<?x7x7x64x!quant.uniform<i8:f32, 0.25:3>> -> tensor<?x1x1x64x!quant.uniform<i8:f32, 0.25:3>>
  return %y : tensor<?x1x1x64x!quant.uniform<i8:f32, 0.25:3>>
}
func.func @max_pool(%x: tensor<1x8x8x4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.5:128>> {
  %y = hwq.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.5:128>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.5:128>>
}
