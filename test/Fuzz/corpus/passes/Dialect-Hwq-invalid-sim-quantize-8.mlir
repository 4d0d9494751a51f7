func.func @acc_scale_size(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<i32>, %a: tensor<2xf32>) {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%a : tensor<2xf32>) {axis = 1 : i64, bits = 8 : i32} : tensor<2x3xf32>
  return
}
