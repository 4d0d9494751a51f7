func.func @zero_point_only(%x: tensor<4xf32>, %z: tensor<i32>) {
  %y = hwq.sim_quantize %x zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<4xf32>
  return
}
