#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @add_without_intermediate_grid(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  %b = hwq.sim_quantize %y scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  %c = tosa.add %a, %b {hwq.kind = "add", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %d = hwq.sim_quantize %c scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%s : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<4xf32>
  return %d : tensor<4xf32>
}
