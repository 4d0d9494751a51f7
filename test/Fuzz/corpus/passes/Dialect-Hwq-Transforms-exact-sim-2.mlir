#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @add(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %sa = arith.constant dense<0.05> : tensor<f32>
  %za = arith.constant dense<10> : tensor<i32>
  %sb = arith.constant dense<0.02> : tensor<f32>
  %zb = arith.constant dense<0> : tensor<i32>
  %so = arith.constant dense<0.07> : tensor<f32>
  %zo = arith.constant dense<-3> : tensor<i32>
  %aq = hwq.sim_quantize %a scale(%sa : tensor<f32>) zero_point(%za : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %bq = hwq.sim_quantize %b scale(%sb : tensor<f32>) zero_point(%zb : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4xf32>
  %s = tosa.add %aq, %bq {hwq.kind = "add", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %sq = hwq.sim_quantize %s scale(%so : tensor<f32>) zero_point(%zo : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4xf32>
  return %sq : tensor<1x4xf32>
}
