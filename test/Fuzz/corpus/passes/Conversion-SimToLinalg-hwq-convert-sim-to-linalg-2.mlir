func.func @uncalibrated(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = hwq.sim_quantize %x {bits = 8 : i32} : tensor<4xf32>
  return %y : tensor<4xf32>
}
