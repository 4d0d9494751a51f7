func.func @dequantize_expressed(%q: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  %x = hwq.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4xbf16>
  return
}
