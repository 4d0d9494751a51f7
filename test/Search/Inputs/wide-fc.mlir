// A fully connected layer with K = 320: at u4 x s4 the worst case is
// 320 * 15 * 8 = 38400, more than a 16-bit accumulator holds.
func.func @main(%x: tensor<1x1x320xf32>) -> tensor<1x1x4xf32> {
  %w = "tosa.const"() {values = dense<0.0625> : tensor<1x320x4xf32>} : () -> tensor<1x320x4xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %y = tosa.matmul %x, %w, %zp, %zp : (tensor<1x1x320xf32>, tensor<1x320x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x4xf32>
  return %y : tensor<1x1x4xf32>
}
