func.func @layer(%x: tensor<1x4x4x2xf32>, %y: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %s = arith.constant dense<0.0625> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x4x4x2xf32>
  %a = tosa.add %xq, %y : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %q = hwq.quantize %a : tensor<1x4x4x2xf32> -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0625>>
  %p = hwq.max_pool2d %q {kernel = array<i64: 3, 3>, stride = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0625>> -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0625>>
  %d = hwq.dequantize %p : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0625>> -> tensor<1x4x4x2xf32>
  return %d : tensor<1x4x4x2xf32>
}
