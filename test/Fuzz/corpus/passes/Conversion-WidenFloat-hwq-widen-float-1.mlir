func.func @roundings(%x: tensor<4xf32>, %d: f64, %s: tensor<f32>, %z: tensor<i32>) -> (f32, tensor<4xf32>) {
  %t = arith.truncf %d : f64 to f32
  %w = arith.extf %t : f32 to f64
  %n = arith.truncf %w : f64 to f32
  %ss = arith.addf %s, %s : tensor<f32>
  %y = hwq.sim_quantize %x scale(%ss : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  return %n, %y : f32, tensor<4xf32>
}
