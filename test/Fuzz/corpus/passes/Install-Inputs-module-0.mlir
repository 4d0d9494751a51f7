func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = hwq.sim_quantize %x {bits = 6 : i32, is_signed = false} : tensor<4xf32>
  return %y : tensor<4xf32>
}
