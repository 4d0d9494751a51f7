func.func @param_rank(%x: tensor<4x4xf32>, %s: tensor<1x4xf32>, %z: tensor<i32>) {
  %y = hwq.sim_quantize %x scale(%s : tensor<1x4xf32>) zero_point(%z : tensor<i32>) {axis = 1 : i64, bits = 8 : i32} : tensor<4x4xf32>
  return
}
