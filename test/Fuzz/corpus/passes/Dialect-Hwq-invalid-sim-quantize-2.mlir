func.func @scale_only(%x: tensor<4xf32>, %s: tensor<f32>) {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) {bits = 8 : i32} : tensor<4xf32>
  return
}
