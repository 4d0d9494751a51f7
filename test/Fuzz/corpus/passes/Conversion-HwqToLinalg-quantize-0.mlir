func.func @quantize(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8<-32:31>:f32, 0.1:3>> {
  %q = hwq.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-32:31>:f32, 0.1:3>>
  return %q : tensor<4x!quant.uniform<i8<-32:31>:f32, 0.1:3>>
}
