func.func @quantize_expressed(%x: tensor<4xf16>) {
  %q = hwq.quantize %x : tensor<4xf16> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}
