func.func @add_broadcast(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>> {
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 20 : i32,
                       multiplier_b = 1073741824 : i32, shift_b = 19 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 41 : i32}
      : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<1x4x!quant.uniform<i8:f32, 1.0>>
}
func.func @add_relu(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5>>, %b: tensor<2x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5:5>> {
  %y = hwq.add %a, %b {intermediate_shift = 15 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 14 : i32,
                       multiplier_b = 1073741824 : i32, shift_b = 15 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 46 : i32,
                       clamp_min = 5 : i64}
      : (tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x3x!quant.uniform<u8:f32, 0.5:5>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.5:5>>
}
func.func @mul(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>> {
  %y = hwq.mul %a, %b {multiplier = 1073741824 : i32, shift = 31 : i32}
      : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.25>>
}
func.func @mul_f32_product_broadcast(%a: tensor<3x1x5x!quant.uniform<i8:f32, 0.1:2>>, %b: tensor<1x1x5x!quant.uniform<u8:f32, 0.2:128>>) -> tensor<3x1x5x!quant.uniform<i8:f32, 0.05>> {
  %y = hwq.mul %a, %b {multiplier = 1717986880 : i32, shift = 32 : i32, clamp_min = -100 : i64, clamp_max = 100 : i64}
      : (tensor<3x1x5x!quant.uniform<i8:f32, 0.1:2>>, tensor<1x1x5x!quant.uniform<u8:f32, 0.2:128>>) -> tensor<3x1x5x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<3x1x5x!quant.uniform<i8:f32, 0.05>>
}
