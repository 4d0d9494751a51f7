func.func @matmul_scale(%arg0: tensor<1x4x3xf32>) -> tensor<1x4x2xf32> {
  %b = "tosa.const"() {values = dense<[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]> : tensor<1x3x2xf32>} : () -> tensor<1x3x2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.matmul %arg0, %b, %zp, %zp : (tensor<1x4x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x2xf32>
  %k = "tosa.const"() {values = dense<[[[10.0, -1.0]]]> : tensor<1x1x2xf32>} : () -> tensor<1x1x2xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %1 = tosa.mul %k, %0, %shift : (tensor<1x1x2xf32>, tensor<1x4x2xf32>, tensor<1xi8>) -> tensor<1x4x2xf32>
  %c = "tosa.const"() {values = dense<[[[0.5, 0.25]]]> : tensor<1x1x2xf32>} : () -> tensor<1x1x2xf32>
  %2 = tosa.add %1, %c : (tensor<1x4x2xf32>, tensor<1x1x2xf32>) -> tensor<1x4x2xf32>
  return %2 : tensor<1x4x2xf32>
}
