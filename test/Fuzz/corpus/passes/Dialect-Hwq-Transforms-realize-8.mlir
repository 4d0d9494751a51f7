func.func @clamp_two_users_and_float_consumer(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) {
  %cst = arith.constant dense<2.500000e-01> : tensor<f32>
  %cst_0 = arith.constant dense<-8> : tensor<i32>
  %0 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 6 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %1 = tosa.clamp %0 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "clamp", max_val = 2.100000e+00 : f32, min_val = -1.000000e+00 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %2 = hwq.sim_quantize %1 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 6 : i32, hwq.role = "snap"} : tensor<1x4x4x2xf32>
  %3 = tosa.max_pool2d %2 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "max_pool2d", kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  %4 = tosa.exp %0 : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %3, %4, %2 : tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>
}
