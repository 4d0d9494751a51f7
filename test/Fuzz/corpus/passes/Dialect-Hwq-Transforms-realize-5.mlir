func.func @pad(%arg0: tensor<1x2xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<0> : tensor<i32>
  %0 = tosa.const_shape  {values = dense<[0, 0, 1, 1]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %1 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
  %2 = "tosa.const"() <{values = dense<1.200000e-01> : tensor<1xf32>}> : () -> tensor<1xf32>
  %3 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %4 = tosa.pad %3, %0, %1 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "pad"} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  %5 = tosa.pad %3, %0, %2 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "pad"} : (tensor<1x2xf32>, !tosa.shape<4>, tensor<1xf32>) -> tensor<1x4xf32>
  %6 = hwq.sim_quantize %5 scale(%cst : tensor<f32>) zero_point(%cst_0 : tensor<i32>) {bits = 8 : i32, hwq.role = "snap"} : tensor<1x4xf32>
  return %4, %6 : tensor<1x4xf32>, tensor<1x4xf32>
}
