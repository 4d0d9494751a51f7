func.func @dequantize_axis_count(%q: tensor<4x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>) {
  %x = hwq.dequantize %q : tensor<4x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>> -> tensor<4x2xf32>
  return
}
