func.func @quantize_per_axis(%x: tensor<3x2xf32>) -> tensor<3x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-1}>> {
  %q = hwq.quantize %x : tensor<3x2xf32> -> tensor<3x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-1}>>
  return %q : tensor<3x2x!quant.uniform<i8:f32:1, {0.5:1, 0.25:-1}>>
}
