func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = tosa.erf %x : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
