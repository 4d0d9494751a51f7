func.func @main(%x: tensor<2x3xi8>, %y: tensor<1x3xi8>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xi8>, tensor<1x3xf32>, tensor<1x3xf32>) {
  %xf = tosa.cast %x : (tensor<2x3xi8>) -> tensor<2x3xf32>
  %yf = tosa.cast %y : (tensor<1x3xi8>) -> tensor<1x3xf32>
  %s = tosa.add %xf, %yf : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  %half = "tosa.const"() <{values = dense<0.5> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %s, %half, %shift : (tensor<2x3xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x3xf32>
  %t = tosa.transpose %m {perms = array<i32: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %c = tosa.clamp %x {min_val = -2 : i8, max_val = 3 : i8} : (tensor<2x3xi8>) -> tensor<2x3xi8>
  %z = tosa.sub %yf, %yf : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<1x3xf32>
  %e = tosa.exp %z : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %g = tosa.sigmoid %z : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %m, %t, %c, %e, %g : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xi8>, tensor<1x3xf32>, tensor<1x3xf32>
}
