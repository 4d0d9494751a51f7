func.func @storage_cast(%x: tensor<4xi8>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %q = quant.scast %x : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5>>
}
