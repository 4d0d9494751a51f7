func.func @uncalibrated(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
