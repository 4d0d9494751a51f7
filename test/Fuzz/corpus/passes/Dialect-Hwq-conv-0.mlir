func.func @conv_per_channel_bias(
    %x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>,
    %w: tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>>,
    %b: tensor<2xi32>) -> tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>> {
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.5:-3>>,
         tensor<2x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>>,
         tensor<2xi32>) -> tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>>
  return %acc : tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>>
}
func.func @conv_strided_dilated_i16(
    %x: tensor<2x10x7x4x!quant.uniform<u8:f32, 1.0:128>>,
    %w: tensor<5x3x3x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x4x3x5x!quant.uniform<i16:f32, 0.25>> {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 0, 1, 2, 0>, stride = array<i64: 2, 3>, dilation = array<i64: 2, 1>}
      : (tensor<2x10x7x4x!quant.uniform<u8:f32, 1.0:128>>, tensor<5x3x3x4x!quant.uniform<i8:f32, 0.25>>)
      -> tensor<2x4x3x5x!quant.uniform<i16:f32, 0.25>>
  return %acc : tensor<2x4x3x5x!quant.uniform<i16:f32, 0.25>>
}
func.func @conv_f32_rounded_scale(
    %x: tensor<?x4x4x8x!quant.uniform<i8:f32, 0.1>>,
    %w: tensor<8x1x1x8x!quant.uniform<i8:f32, 0.02>>) -> tensor<?x4x4x8x!quant.uniform<i32:f32, 0.0020000000949949026>> {
  %acc = hwq.conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<?x4x4x8x!quant.uniform<i8:f32, 0.1>>, tensor<8x1x1x8x!quant.uniform<i8:f32, 0.02>>)
      -> tensor<?x4x4x8x!quant.uniform<i32:f32, 0.0020000000949949026>>
  return %acc : tensor<?x4x4x8x!quant.uniform<i32:f32, 0.0020000000949949026>>
}
func.func @depthwise_multiplier(
    %x: tensor<1x9x9x4x!quant.uniform<u8:f32, 0.5:128>>,
    %w: tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x4x4x8x!quant.uniform<i32:f32, 0.125>> {
  %acc = hwq.depthwise_conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
      : (tensor<1x9x9x4x!quant.uniform<u8:f32, 0.5:128>>, tensor<3x3x4x2x!quant.uniform<i8:f32, 0.25>>)
      -> tensor<1x4x4x8x!quant.uniform<i32:f32, 0.125>>
  return %acc : tensor<1x4x4x8x!quant.uniform<i32:f32, 0.125>>
}
func.func @depthwise_per_channel(
    %x: tensor<1x6x6x3x!quant.uniform<i8:f32, 1.0>>,
    %w: tensor<3x3x3x1x!quant.uniform<i8:f32:2, {0.5, 0.25, 0.125}>>,
    %b: tensor<3xi32>) -> tensor<1x6x6x3x!quant.uniform<i32:f32:3, {0.5, 0.25, 0.125}>> {
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x6x6x3x!quant.uniform<i8:f32, 1.0>>, tensor<3x3x3x1x!quant.uniform<i8:f32:2, {0.5, 0.25, 0.125}>>, tensor<3xi32>)
      -> tensor<1x6x6x3x!quant.uniform<i32:f32:3, {0.5, 0.25, 0.125}>>
  return %acc : tensor<1x6x6x3x!quant.uniform<i32:f32:3, {0.5, 0.25, 0.125}>>
}
