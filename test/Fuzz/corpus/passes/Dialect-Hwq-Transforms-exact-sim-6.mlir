#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @concat(%a: tensor<1x2xf32>, %b: tensor<1x3xf32>) -> tensor<1x5xf32> {
  %sa = arith.constant dense<0.05> : tensor<f32>
  %za = arith.constant dense<0> : tensor<i32>
  %sb = arith.constant dense<0.1> : tensor<f32>
  %zb = arith.constant dense<4> : tensor<i32>
  %aq = hwq.sim_quantize %a scale(%sa : tensor<f32>) zero_point(%za : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
  %bq = hwq.sim_quantize %b scale(%sb : tensor<f32>) zero_point(%zb : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3xf32>
  %c = tosa.concat %aq, %bq {axis = 1 : i32, hwq.kind = "concat", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  return %c : tensor<1x5xf32>
}
