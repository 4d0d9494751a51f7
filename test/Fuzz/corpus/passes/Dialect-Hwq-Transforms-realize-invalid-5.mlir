#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @clamp_off_grid_without_snap(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  %c = tosa.clamp %a {min_val = 0.0 : f32, max_val = 1.03 : f32, hwq.kind = "clamp", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %c : tensor<4xf32>
}
