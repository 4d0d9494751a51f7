!x1 = !quant.uniform<u8:f32, 0.046875:128>
!w1 = !quant.uniform<i8:f32, 0.0078125>
!acc1 = !quant.uniform<i32:f32, 3.662109375e-4>
!y1 = !quant.uniform<i8:f32, 0.1015625:-5>
func.func @depthwise_per_tensor(%x: tensor<1x8x8x4x!x1>, %w: tensor<3x3x4x2x!w1>, %b: tensor<8xi32>) -> tensor<1x3x3x8x!y1> {
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>, dilation = array<i64: 2, 2>}
      : (tensor<1x8x8x4x!x1>, tensor<3x3x4x2x!w1>, tensor<8xi32>) -> tensor<1x3x3x8x!acc1>
  %y = hwq.requantize %acc {multiplier = array<i32: 1982292598>, shift = array<i32: 39>}
      : tensor<1x3x3x8x!acc1> -> tensor<1x3x3x8x!y1>
  return %y : tensor<1x3x3x8x!y1>
}
!x2 = !quant.uniform<i8:f32, 0.03125:-3>
!w2 = !quant.uniform<i8:f32:2, {0.015625:0, 0.0078125:1, 0.03125:-2, 0.0625:3}>
!acc2 = !quant.uniform<i32:f32:3, {4.8828125e-4, 2.44140625e-4, 9.765625e-4, 1.953125e-3}>
!y2 = !quant.uniform<i8:f32, 0.0625>
func.func @depthwise_per_channel(%x: tensor<1x7x6x4x!x2>, %w: tensor<3x3x4x1x!w2>) -> (tensor<1x7x6x4x!y2>, tensor<1x7x6x4x!acc2>) {
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x7x6x4x!x2>, tensor<3x3x4x1x!w2>) -> tensor<1x7x6x4x!acc2>
  %y = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, shift = array<i32: 37, 38, 36, 35>}
      : tensor<1x7x6x4x!acc2> -> tensor<1x7x6x4x!y2>
  return %y, %acc : tensor<1x7x6x4x!y2>, tensor<1x7x6x4x!acc2>
}
!x3 = !quant.uniform<i8:f32, 0.03125:-3>
!w3 = !quant.uniform<i8:f32:0, {0.015625:0, 0.0078125:1, 0.015625:-1, 0.0078125:2, 0.015625:-2, 0.0078125:0, 0.015625:0, 0.0078125:3, 0.015625:0, 0.0078125:-3}>
!acc3 = !quant.uniform<i32:f32:2, {4.8828125e-4, 2.44140625e-4, 4.8828125e-4, 2.44140625e-4, 4.8828125e-4, 2.44140625e-4, 4.8828125e-4, 2.44140625e-4, 4.8828125e-4, 2.44140625e-4}>
!y3 = !quant.uniform<i8:f32, 0.0625:1>
func.func @fully_connected(%x: tensor<2x3x16x!x3>, %w: tensor<10x16x!w3>, %b: tensor<10xi32>) -> (tensor<2x3x10x!y3>, tensor<2x3x10x!acc3>) {
  %acc = hwq.fully_connected %x, %w, %b : (tensor<2x3x16x!x3>, tensor<10x16x!w3>, tensor<10xi32>) -> tensor<2x3x10x!acc3>
  %y = hwq.requantize %acc {axis = 2 : i64, multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824>, shift = array<i32: 37, 38, 37, 38, 37, 38, 37, 38, 37, 38>}
      : tensor<2x3x10x!acc3> -> tensor<2x3x10x!y3>
  return %y, %acc : tensor<2x3x10x!y3>, tensor<2x3x10x!acc3>
}
!a4 = !quant.uniform<u8:f32, 0.0625:128>
!b4 = !quant.uniform<i8:f32, 0.0078125:-2>
!acc4 = !quant.uniform<i32:f32, 4.8828125e-4>
!y4 = !quant.uniform<u8:f32, 0.0390625:10>
func.func @matmul(%a: tensor<2x4x8x!a4>, %b: tensor<2x8x3x!b4>) -> (tensor<2x4x3x!y4>, tensor<2x4x3x!acc4>) {
  %acc = hwq.matmul %a, %b : (tensor<2x4x8x!a4>, tensor<2x8x3x!b4>) -> tensor<2x4x3x!acc4>
  %y = hwq.requantize %acc {multiplier = array<i32: 1717986918>, shift = array<i32: 37>}
      : tensor<2x4x3x!acc4> -> tensor<2x4x3x!y4>
  return %y, %acc : tensor<2x4x3x!y4>, tensor<2x4x3x!acc4>
}
