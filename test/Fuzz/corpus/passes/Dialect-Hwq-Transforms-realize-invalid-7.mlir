#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @concat_of_two_grids(%x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %s2 = arith.constant dense<0.1> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<2xf32>
  %b = hwq.sim_quantize %y scale(%s2 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<2xf32>
  %c = tosa.concat %a, %b {axis = 0 : i32, hwq.kind = "concat", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %c : tensor<4xf32>
}
