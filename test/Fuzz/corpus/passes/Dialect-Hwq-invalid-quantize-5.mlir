func.func @quantize_sub_channel(%x: tensor<2x4xf32>) {
  %q = hwq.quantize %x : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i8:f32:{0:1, 1:2}, {{2.0, 3.0}, {4.0, 5.0}}>>
  return
}
