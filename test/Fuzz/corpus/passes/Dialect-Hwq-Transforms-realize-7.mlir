func.func @fully_connected(%arg0: tensor<1x2x3xf32>) -> tensor<1x2x2xf32> {
  %0 = "tosa.const"() <{values = dense<[[[5.000000e-01, -1.000000e+00], [2.500000e-01, 1.000000e-01], [-3.000000e-01, 6.000000e-01]]]> : tensor<1x3x2xf32>}> : () -> tensor<1x3x2xf32>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %cst = arith.constant dense<6.250000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<128> : tensor<i32>
  %cst_1 = arith.constant dense<[3.906250e-03, 7.812500e-03]> : tensor<2xf32>
  %cst_2 = arith.constant dense<0> : tensor<2xi32>
  %cst_3 = arith.constant dense<1.250000e-01> : tensor<f32>
  %cst_4 = arith.constant dense<0> : tensor<i32>
  %2 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation", is_signed = false} : tensor<1x2x3xf32>
  %3 = hwq.sim_quantize %0 scale(%cst_1 : tensor<2xf32>) zero_point(%cst_2 : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "weight"} : tensor<1x3x2xf32>
  %4 = tosa.matmul %2, %3, %1, %1 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = ui8, weight = si8, accumulator = si32, output = ui8, macs_per_cycle = 256>, hwq.kind = "matmul"} : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
  %cst_5 = arith.constant dense<[2.44140625E-4, 4.8828125E-4]> : tensor<2xf32>
  %5 = hwq.sim_quantize %4 scale(%cst_3 : tensor<f32>) zero_point(%cst_4 : tensor<i32>) acc_scale(%cst_5 : tensor<2xf32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "output", is_signed = false} : tensor<1x2x2xf32>
  return %5 : tensor<1x2x2xf32>
}
