#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @mul(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %sa = arith.constant dense<0.05> : tensor<f32>
  %sb = arith.constant dense<0.02> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.07> : tensor<f32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %aq = hwq.sim_quantize %a scale(%sa : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %bq = hwq.sim_quantize %b scale(%sb : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %p = tosa.mul %aq, %bq, %shift {hwq.kind = "mul", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4xf32>, tensor<1x4xf32>, tensor<1xi8>) -> tensor<1x4xf32>
  %pq = hwq.sim_quantize %p scale(%so : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4xf32>
  return %pq : tensor<1x4xf32>
}
