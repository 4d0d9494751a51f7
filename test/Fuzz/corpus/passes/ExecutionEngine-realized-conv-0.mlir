!x = !quant.uniform<u8:f32, 0.046875:128>
!w = !quant.uniform<i8:f32, 0.0078125:3>
!acc = !quant.uniform<i32:f32, 3.662109375e-4>
!y = !quant.uniform<i8:f32, 0.1015625:-5>
func.func @per_tensor(%x: tensor<1x9x9x3x!x>, %w: tensor<4x3x3x3x!w>, %b: tensor<4xi32>)
    -> (tensor<1x5x3x4x!y>, tensor<1x5x3x4x!acc>) {
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 2, 0, 1>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 2>}
      : (tensor<1x9x9x3x!x>, tensor<4x3x3x3x!w>, tensor<4xi32>) -> tensor<1x5x3x4x!acc>
  %y = hwq.requantize %acc {multiplier = array<i32: 1982292598>, shift = array<i32: 39>, clamp_min = -5 : i64}
      : tensor<1x5x3x4x!acc> -> tensor<1x5x3x4x!y>
  return %y, %acc : tensor<1x5x3x4x!y>, tensor<1x5x3x4x!acc>
}
!x2 = !quant.uniform<i8:f32, 0.03125:-3>
!w2 = !quant.uniform<i8<-127:127>:f32:0, {0.015625, 0.0078125, 0.03125}>
!acc2 = !quant.uniform<i16:f32:3, {4.8828125e-4, 2.44140625e-4, 9.765625e-4}>
!y2 = !quant.uniform<u8:f32, 0.0625:100>
func.func @per_channel(%x: tensor<2x6x7x5x!x2>, %w: tensor<3x2x3x5x!w2>)
    -> (tensor<2x7x3x3x!y2>, tensor<2x7x3x3x!acc2>) {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 0, 1>, stride = array<i64: 1, 2>, dilation = array<i64: 1, 1>}
      : (tensor<2x6x7x5x!x2>, tensor<3x2x3x5x!w2>) -> tensor<2x7x3x3x!acc2>
  %y = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824>, shift = array<i32: 37, 38, 36>}
      : tensor<2x7x3x3x!acc2> -> tensor<2x7x3x3x!y2>
  return %y, %acc : tensor<2x7x3x3x!y2>, tensor<2x7x3x3x!acc2>
}
