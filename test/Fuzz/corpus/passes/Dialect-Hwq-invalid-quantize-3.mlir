func.func @quantize_axis_count(%x: tensor<2x3xf32>) {
  %q = hwq.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return
}
