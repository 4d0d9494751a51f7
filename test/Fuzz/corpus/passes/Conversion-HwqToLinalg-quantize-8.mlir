func.func @quantized_constant() -> tensor<2x!quant.uniform<i8:f32, 0.5>> {
  %c = "tosa.const"() <{values = dense<[-3, 7]> : tensor<2xi8>}> : () -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %c : tensor<2x!quant.uniform<i8:f32, 0.5>>
}
