func.func @twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = tosa.abs %x : (tensor<4xf32>) -> tensor<4xf32>
  %b = tosa.abs %x : (tensor<4xf32>) -> tensor<4xf32>
  return %a, %a, %b : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
