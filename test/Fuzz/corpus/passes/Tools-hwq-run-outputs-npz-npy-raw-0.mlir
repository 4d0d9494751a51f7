func.func @split(%x: tensor<4xi8>) -> (tensor<2xi8>, tensor<2xi8>) {
  %start0 = tosa.const_shape {values = dense<0> : tensor<1xindex>} : () -> !tosa.shape<1>
  %start2 = tosa.const_shape {values = dense<2> : tensor<1xindex>} : () -> !tosa.shape<1>
  %size = tosa.const_shape {values = dense<2> : tensor<1xindex>} : () -> !tosa.shape<1>
  %a = tosa.slice %x, %start0, %size : (tensor<4xi8>, !tosa.shape<1>, !tosa.shape<1>) -> tensor<2xi8>
  %b = tosa.slice %x, %start2, %size : (tensor<4xi8>, !tosa.shape<1>, !tosa.shape<1>) -> tensor<2xi8>
  return %a, %b : tensor<2xi8>, tensor<2xi8>
}
func.func @join(%a: tensor<2xi8>, %b: tensor<2xi8>) -> tensor<2xi32> {
  %a32 = tosa.cast %a : (tensor<2xi8>) -> tensor<2xi32>
  %b32 = tosa.cast %b : (tensor<2xi8>) -> tensor<2xi32>
  %d = tosa.sub %a32, %b32 : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %d : tensor<2xi32>
}
