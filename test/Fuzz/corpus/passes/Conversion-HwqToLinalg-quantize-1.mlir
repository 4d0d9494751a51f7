func.func @quantize_rounding(%x: tensor<4xf32>) -> (tensor<4x!quant.uniform<u8:f32, 0.5:128>>, tensor<4x!quant.uniform<u8:f32, 0.5:128>>) {
  %a = hwq.quantize %x {rounding = #hwq<rounding half_away_from_zero>} : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  %b = hwq.quantize %x {rounding = #hwq<rounding half_up>} : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  return %a, %b : tensor<4x!quant.uniform<u8:f32, 0.5:128>>, tensor<4x!quant.uniform<u8:f32, 0.5:128>>
}
