func.func @main(%x: tensor<2xf32>) -> tensor<3xf32> {
  %y = tosa.add %x, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
