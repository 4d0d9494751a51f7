func.func @needs_axis(%x: tensor<4x4xf32>, %s: tensor<4xf32>, %z: tensor<i32>) {
  %y = hwq.sim_quantize %x scale(%s : tensor<4xf32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4x4xf32>
  return
}
