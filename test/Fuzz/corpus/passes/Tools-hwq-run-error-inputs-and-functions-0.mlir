func.func @two(%a: tensor<2xi32>, %b: tensor<2xi32>) -> tensor<2xi32> {
  %y = tosa.add %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %y : tensor<2xi32>
}
func.func @mul(%a: tensor<2xi32>) -> tensor<2xi32> {
  %shift = "tosa.const"() <{values = dense<1> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.mul %a, %a, %shift : (tensor<2xi32>, tensor<2xi32>, tensor<1xi8>) -> tensor<2xi32>
  return %y : tensor<2xi32>
}
