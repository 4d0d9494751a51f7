func.func @depthwise_and_matmul(%arg0: tensor<1x3x3x2xf32>, %arg1: tensor<1x2x3xf32>, %arg2: tensor<1x3x4xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x2x4xf32>) {
  %0 = "tosa.const"() <{values = dense<5.000000e-01> : tensor<3x3x2x1xf32>}> : () -> tensor<3x3x2x1xf32>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<[0.00999999977, 2.000000e-02]> : tensor<2xf32>
  %cst_1 = arith.constant dense<2.000000e-02> : tensor<f32>
  %cst_2 = arith.constant dense<0> : tensor<i32>
  %cst_3 = arith.constant dense<0> : tensor<2xi32>
  %cst_4 = arith.constant dense<3.000000e-02> : tensor<f32>
  %2 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x3x2xf32>
  %3 = hwq.sim_quantize %0 scale(%cst_0 : tensor<2xf32>) zero_point(%cst_3 : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "weight"} : tensor<3x3x2x1xf32>
  %4 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<2xf32>}> : () -> tensor<2xf32>
  %5 = tosa.depthwise_conv2d %2, %3, %4, %1, %1 {acc_type = f32, dilation = array<i64: 1, 1>, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "depthwise_conv2d", pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x3x3x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x2xf32>
  %cst_5 = arith.constant dense<[5.000000e-04, 1.000000e-03]> : tensor<2xf32>
  %6 = hwq.sim_quantize %5 scale(%cst_4 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst_5 : tensor<2xf32>) {axis = 3 : i64, bits = 8 : i32, hwq.role = "output"} : tensor<1x1x1x2xf32>
  %7 = hwq.sim_quantize %arg1 scale(%cst : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2x3xf32>
  %8 = hwq.sim_quantize %arg2 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x4xf32>
  %9 = tosa.matmul %7, %8, %1, %1 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si6, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>, hwq.kind = "matmul"} : (tensor<1x2x3xf32>, tensor<1x3x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x4xf32>
  %cst_6 = arith.constant dense<0.000000e-03> : tensor<f32>
  %10 = hwq.sim_quantize %9 scale(%cst_4 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst_6 : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x4xf32>
  return %6, %10 : tensor<1x1x1x2xf32>, tensor<1x2x4xf32>
}
