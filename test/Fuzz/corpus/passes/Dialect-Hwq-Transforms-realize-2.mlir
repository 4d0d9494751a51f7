func.func @avg_pool(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<10> : tensor<i32>
  %cst_1 = arith.constant dense<7.000000e-02> : tensor<f32>
  %cst_2 = arith.constant dense<-3> : tensor<i32>
  %0 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %1 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %2 = tosa.avg_pool2d %1, %0, %0 {acc_type = f32, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "avg_pool2d", kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %3 = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %4 = "tosa.const"() <{values = dense<4.000000e+00> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %5 = tosa.mul %2, %4, %3 : (tensor<1x2x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %cst_3 = arith.constant dense<2.800000e-01> : tensor<f32>
  %6 = hwq.sim_quantize %5 scale(%cst_3 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x2xf32>
  %7 = "tosa.const"() <{values = dense<2.500000e-01> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %8 = tosa.mul %6, %7, %3 : (tensor<1x2x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %9 = hwq.sim_quantize %8 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"} : tensor<1x2x2x2xf32>
  return %9 : tensor<1x2x2x2xf32>
}
