func.func @f16_rounding(%arg0: tensor<1x2x2x1xf16>) -> tensor<1x2x2x1xf16> {
  %w = "tosa.const"() {values = dense<0.1> : tensor<1x1x1x1xf16>} : () -> tensor<1x1x1x1xf16>
  %b = "tosa.const"() {values = dense<0.0> : tensor<1xf16>} : () -> tensor<1xf16>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf16>} : () -> tensor<1xf16>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f16, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf16>, tensor<1x1x1x1xf16>, tensor<1xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x2x2x1xf16>
  %k = "tosa.const"() {values = dense<3.0> : tensor<1x1x1x1xf16>} : () -> tensor<1x1x1x1xf16>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %1 = tosa.mul %0, %k, %shift : (tensor<1x2x2x1xf16>, tensor<1x1x1x1xf16>, tensor<1xi8>) -> tensor<1x2x2x1xf16>
  return %1 : tensor<1x2x2x1xf16>
}
