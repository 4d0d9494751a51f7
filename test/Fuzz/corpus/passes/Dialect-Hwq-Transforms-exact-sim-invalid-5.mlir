#conv = #hwq.dtype_config<input = si16, weight = si16, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @accumulator_recovery_warning(%x: tensor<1x64xf32>) -> tensor<1x1x1xf32> {
  %shape = tosa.const_shape {values = dense<[1, 1, 64]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x3 = tosa.reshape %x, %shape : (tensor<1x64xf32>, !tosa.shape<3>) -> tensor<1x1x64xf32>
  %w = "tosa.const"() {values = dense<1.0> : tensor<1x64x1xf32>} : () -> tensor<1x64x1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s = arith.constant dense<0.03> : tensor<f32>
  %sw = arith.constant dense<0.00007> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x3 scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 16 : i32} : tensor<1x1x64xf32>
  %wq = hwq.sim_quantize %w scale(%sw : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 16 : i32, hwq.role = "weight"} : tensor<1x64x1xf32>
  %m = tosa.matmul %xq, %wq, %zp, %zp {hwq.kind = "matmul", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x1x64xf32>, tensor<1x64x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %mq = hwq.sim_quantize %m scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x1x1xf32>
  return %mq : tensor<1x1x1xf32>
}
