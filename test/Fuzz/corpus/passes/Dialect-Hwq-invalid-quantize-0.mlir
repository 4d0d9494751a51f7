func.func @quantize_shape(%x: tensor<4xf32>) {
  %q = hwq.quantize %x : tensor<4xf32> -> tensor<5x!quant.uniform<i8:f32, 0.5>>
  return
}
