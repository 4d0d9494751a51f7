func.func @axis_negative(%x: tensor<2x3xf32>) {
  %y = hwq.sim_quantize %x {axis = -1 : i64, bits = 8 : i32} : tensor<2x3xf32>
  return
}
