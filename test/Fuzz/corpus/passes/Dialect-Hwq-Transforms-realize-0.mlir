func.func @conv_relu6(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %0 = "tosa.const"() <{values = dense<[[[[5.000000e-01, -2.500000e-01]]], [[[1.000000e+00, 7.500000e-01]]]]> : tensor<2x1x1x2xf32>}> : () -> tensor<2x1x1x2xf32>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<10> : tensor<i32>
  %cst_1 = arith.constant dense<[0.00999999977, 2.000000e-02]> : tensor<2xf32>
  %cst_2 = arith.constant dense<0> : tensor<2xi32>
  %cst_3 = arith.constant dense<3.000000e-02> : tensor<f32>
  %cst_4 = arith.constant dense<-128> : tensor<i32>
  %2 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %3 = hwq.sim_quantize %0 scale(%cst_1 : tensor<2xf32>) zero_point(%cst_2 : tensor<2xi32>) {axis = 0 : i64, bits = 8 : i32, hwq.role = "weight", narrow_range = true} : tensor<2x1x1x2xf32>
  %4 = "tosa.const"() <{values = dense<[0.123500004, -2.000000e-01]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %5 = tosa.conv2d %2, %3, %4, %1, %1 {acc_type = f32, dilation = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "conv2d", pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %cst_5 = arith.constant dense<[5.000000e-04, 1.000000e-03]> : tensor<2xf32>
  %6 = hwq.sim_quantize %5 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) acc_scale(%cst_5 : tensor<2xf32>) {axis = 3 : i64, bits = 8 : i32, hwq.role = "output"} : tensor<1x4x4x2xf32>
  %7 = tosa.clamp %6 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "clamp", max_val = 6.000000e+00 : f32, min_val = 0.000000e+00 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %8 = hwq.sim_quantize %7 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"} : tensor<1x4x4x2xf32>
  return %8 : tensor<1x4x4x2xf32>
}
