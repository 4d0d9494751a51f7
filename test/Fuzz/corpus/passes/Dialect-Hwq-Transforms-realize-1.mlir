func.func @add(%arg0: tensor<1x4xf32>, %arg1: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<10> : tensor<i32>
  %cst_1 = arith.constant dense<2.000000e-02> : tensor<f32>
  %cst_2 = arith.constant dense<0> : tensor<i32>
  %cst_3 = arith.constant dense<7.000000e-02> : tensor<f32>
  %cst_4 = arith.constant dense<-3> : tensor<i32>
  %0 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %1 = hwq.sim_quantize %arg1 scale(%cst_1 : tensor<f32>) zero_point(%cst_2 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %cst_5 = arith.constant dense<6.10351549E-7> : tensor<f32>
  %cst_6 = arith.constant dense<0> : tensor<i32>
  %2 = hwq.sim_quantize %0 scale(%cst_5 : tensor<f32>) zero_point(%cst_6 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 32 : i32, hwq.role = "add_input"} : tensor<1x4xf32>
  %3 = hwq.sim_quantize %1 scale(%cst_5 : tensor<f32>) zero_point(%cst_6 : tensor<i32>) acc_scale(%cst_1 : tensor<f32>) {bits = 32 : i32, hwq.role = "add_input"} : tensor<1x4xf32>
  %4 = tosa.add %2, %3 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "add"} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %5 = hwq.sim_quantize %4 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) acc_scale(%cst_5 : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4xf32>
  return %5 : tensor<1x4xf32>
}
