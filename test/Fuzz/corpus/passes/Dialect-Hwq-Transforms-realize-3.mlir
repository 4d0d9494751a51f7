func.func @narrower_input(%arg0: tensor<1x4x4x2xf32>) -> tensor<1x2x8x2xf32> {
  %cst = arith.constant dense<5.000000e-02> : tensor<f32>
  %cst_0 = arith.constant dense<0.899999976> : tensor<f32>
  %cst_1 = arith.constant dense<0> : tensor<i32>
  %0 = tosa.const_shape  {values = dense<[1, 2, 8, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %1 = hwq.sim_quantize %arg0 scale(%cst : tensor<f32>) zero_point(%cst_1 : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %2 = tosa.reshape %1, %0 {hwq.alternative = 0 : i64, hwq.config = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>, hwq.kind = "reshape"} : (tensor<1x4x4x2xf32>, !tosa.shape<4>) -> tensor<1x2x8x2xf32>
  %3 = hwq.sim_quantize %2 scale(%cst_0 : tensor<f32>) zero_point(%cst_1 : tensor<i32>) acc_scale(%cst : tensor<f32>) {bits = 4 : i32, hwq.role = "activation"} : tensor<1x2x8x2xf32>
  return %3 : tensor<1x2x8x2xf32>
}
