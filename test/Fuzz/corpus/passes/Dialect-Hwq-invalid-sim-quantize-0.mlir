func.func @bits_low(%x: tensor<4xf32>) {
  %y = hwq.sim_quantize %x {bits = 1 : i32} : tensor<4xf32>
  return
}
