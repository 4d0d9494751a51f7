func.func @axis_size(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<3xi32>) {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<3xi32>) {axis = 0 : i64, bits = 8 : i32} : tensor<2x3xf32>
  return
}
