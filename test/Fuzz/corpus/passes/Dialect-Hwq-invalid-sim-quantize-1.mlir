func.func @bits_high(%x: tensor<4xf32>) {
  %y = hwq.sim_quantize %x {bits = 33 : i32} : tensor<4xf32>
  return
}
