func.func @acc_scale_alone(%x: tensor<4xf32>, %a: tensor<f32>) {
  %y = hwq.sim_quantize %x acc_scale(%a : tensor<f32>) {bits = 8 : i32} : tensor<4xf32>
  return
}
