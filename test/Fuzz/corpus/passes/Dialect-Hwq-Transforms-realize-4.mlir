func.func @concat(%arg0: tensor<1x2xf32>, %arg1: tensor<1x3xf32>) -> tensor<1x5xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<0> : tensor<i32>
  %cst_1 = arith.constant dense<1.000000e-01> : tensor<f32>
  %cst_2 = arith.constant dense<4> : tensor<i32>
  %0 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %1 = hwq.sim_quantize %arg1 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3xf32>
  %2 = hwq.sim_quantize %0 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 8 : i32, hwq.role = "requantize"} : tensor<1x2xf32>
  %3 = tosa.concat %2, %1 {axis = 1 : i32, hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "concat"} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  return %3 : tensor<1x5xf32>
}
