func.func @main(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>)
    -> (tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4xf32>) {
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 20 : i32,
                       multiplier_b = 1073741824 : i32, shift_b = 19 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 41 : i32}
       : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>)
         -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  %c = hwq.requantize %y {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, clamp_min = 0 : i64, clamp_max = 6 : i64}
       : tensor<1x4x!quant.uniform<i8:f32, 1.0>> -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  %f = hwq.dequantize %c : tensor<1x4x!quant.uniform<i8:f32, 1.0>> -> tensor<1x4xf32>
  return %y, %c, %f : tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4xf32>
}
