func.func @quantize_per_tensor(%x: tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32> {
  %q = hwq.quantize %x : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!quant.uniform<i8<-32:31>:f32, 0.1>>
  %y = hwq.dequantize %q : tensor<1x8x8x3x!quant.uniform<i8<-32:31>:f32, 0.1>> -> tensor<1x8x8x3xf32>
  return %y : tensor<1x8x8x3xf32>
}
func.func @quantize_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u8:f32:0, {0.5:128, 0.25:120}>> {
  %q = hwq.quantize %x {rounding = #hwq<rounding half_away_from_zero>} : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:0, {0.5:128, 0.25:120}>>
  return %q : tensor<2x3x!quant.uniform<u8:f32:0, {0.5:128, 0.25:120}>>
}
func.func @default_rounding(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i4:f32, 0.5:-1>> {
  %q = hwq.quantize %x {rounding = #hwq<rounding half_to_even>} : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 0.5:-1>>
  return %q : tensor<4x!quant.uniform<i4:f32, 0.5:-1>>
}
func.func @dequantize_dynamic(%q: tensor<?x16x!quant.uniform<i16:f16, 0.03125>>) -> tensor<?x16xf16> {
  %y = hwq.dequantize %q : tensor<?x16x!quant.uniform<i16:f16, 0.03125>> -> tensor<?x16xf16>
  return %y : tensor<?x16xf16>
}
