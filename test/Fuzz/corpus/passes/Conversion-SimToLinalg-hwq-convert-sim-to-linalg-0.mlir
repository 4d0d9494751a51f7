func.func @plain(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<i32>) -> tensor<2x3xf32> {
  %y = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 4 : i32} : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
