#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @mul_wrong_acc_scale(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  %m = tosa.mul %a, %a, %shift {hwq.kind = "mul", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>, tensor<4xf32>, tensor<1xi8>) -> tensor<4xf32>
  %q = hwq.sim_quantize %m scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%s : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<4xf32>
  return %q : tensor<4xf32>
}
