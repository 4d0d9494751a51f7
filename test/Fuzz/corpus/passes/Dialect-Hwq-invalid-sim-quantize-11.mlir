func.func @narrow_unsigned(%x: tensor<4xf32>) {
  %y = hwq.sim_quantize %x {bits = 8 : i32, is_signed = false, narrow_range = true} : tensor<4xf32>
  return
}
