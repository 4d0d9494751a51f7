func.func @requantize_without_acc_scale(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %s2 = arith.constant dense<0.3> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  %b = hwq.sim_quantize %a scale(%s2 : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 4 : i32} : tensor<4xf32>
  return %b : tensor<4xf32>
}
