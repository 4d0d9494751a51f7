func.func @dequantize_shape(%q: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  %x = hwq.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<2x2xf32>
  return
}
