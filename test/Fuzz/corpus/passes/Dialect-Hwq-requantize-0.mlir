func.func @accumulator_relu6(%acc: tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>>) -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>> {
  %q = hwq.requantize %acc {multiplier = array<i32: 1073741824>, shift = array<i32: 31>, clamp_min = -128 : i64, clamp_max = -104 : i64}
      : tensor<1x8x8x2x!quant.uniform<i32:f32, 0.125>> -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>>
  return %q : tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25:-128>>
}
func.func @per_channel(%acc: tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>>) -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>}
      : tensor<1x8x8x2x!quant.uniform<i32:f32:3, {0.125, 0.0625}>> -> tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<1x8x8x2x!quant.uniform<i8:f32, 0.25>>
}
func.func @per_channel_shared_constants(%acc: tensor<4x3x!quant.uniform<i32:f32:1, {0.125, 0.125, 0.125}>>) -> tensor<4x3x!quant.uniform<i8:f32, 0.25>> {
  %q = hwq.requantize %acc {axis = 1 : i64, multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
      : tensor<4x3x!quant.uniform<i32:f32:1, {0.125, 0.125, 0.125}>> -> tensor<4x3x!quant.uniform<i8:f32, 0.25>>
  return %q : tensor<4x3x!quant.uniform<i8:f32, 0.25>>
}
func.func @activation_to_u6(%x: tensor<16x!quant.uniform<i8:f32, 0.5:-3>>) -> tensor<16x!quant.uniform<u8<0:63>:f32, 0.1:32>> {
  %q = hwq.requantize %x {multiplier = array<i32: 1342177280>, shift = array<i32: 28>}
      : tensor<16x!quant.uniform<i8:f32, 0.5:-3>> -> tensor<16x!quant.uniform<u8<0:63>:f32, 0.1:32>>
  return %q : tensor<16x!quant.uniform<u8<0:63>:f32, 0.1:32>>
}
func.func @clamp_only(%x: tensor<2x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x2x!quant.uniform<i8:f32, 0.5>> {
  %q = hwq.requantize %x {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, clamp_min = 0 : i64}
      : tensor<2x2x!quant.uniform<i8:f32, 0.5>> -> tensor<2x2x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<2x2x!quant.uniform<i8:f32, 0.5>>
}
func.func @f32_rounded_accumulator(%acc: tensor<8x!quant.uniform<i32:f32, 0.0020000000949949026>>) -> tensor<8x!quant.uniform<i8:f32, 0.1>> {
  %q = hwq.requantize %acc {multiplier = array<i32: 1374389600>, shift = array<i32: 36>}
      : tensor<8x!quant.uniform<i32:f32, 0.0020000000949949026>> -> tensor<8x!quant.uniform<i8:f32, 0.1>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.1>>
}
