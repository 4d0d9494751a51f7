func.func @acc_scale_on_a_float_value(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<0.05> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %a = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%s : tensor<f32>) {bits = 8 : i32} : tensor<4xf32>
  return %a : tensor<4xf32>
}
