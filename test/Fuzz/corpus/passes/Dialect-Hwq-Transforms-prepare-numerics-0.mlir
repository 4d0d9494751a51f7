func.func @conv_bn_relu_dw_bn(%arg0: tensor<1x6x5x3xf32>) -> tensor<1x6x5x4xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.3, -0.7, 1.1], [0.2, 0.5, -0.4], [0.9, -1.3, 0.6]]], [[[-0.8, 0.1, 0.4], [1.2, -0.6, 0.3], [-0.2, 0.7, -1.0]]], [[[0.5, 0.5, -0.5], [0.25, -0.75, 1.5], [-1.1, 0.35, 0.45]]], [[[0.05, -0.95, 0.65], [0.15, 0.85, -0.35], [0.55, -0.45, 0.75]]]]> : tensor<4x1x3x3xf32>} : () -> tensor<4x1x3x3xf32>
  %b = "tosa.const"() {values = dense<[0.1, -0.2, 0.3, 0.05]> : tensor<4xf32>} : () -> tensor<4xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x6x5x3xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x5x4xf32>
  %k1 = "tosa.const"() {values = dense<[[[[1.7, 0.3, -0.9, 2.2]]]]> : tensor<1x1x1x4xf32>} : () -> tensor<1x1x1x4xf32>
  %c1 = "tosa.const"() {values = dense<[[[[0.4, -0.1, 0.25, -0.6]]]]> : tensor<1x1x1x4xf32>} : () -> tensor<1x1x1x4xf32>
  %1 = tosa.mul %0, %k1, %shift : (tensor<1x6x5x4xf32>, tensor<1x1x1x4xf32>, tensor<1xi8>) -> tensor<1x6x5x4xf32>
  %2 = tosa.add %1, %c1 : (tensor<1x6x5x4xf32>, tensor<1x1x1x4xf32>) -> tensor<1x6x5x4xf32>
  %3 = tosa.clamp %2 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x6x5x4xf32>) -> tensor<1x6x5x4xf32>
  %dw = "tosa.const"() {values = dense<[[[[0.5], [-0.25], [1.0], [0.75]]], [[[0.125], [0.6], [-0.3], [0.9]]], [[[-0.4], [0.2], [0.35], [-0.15]]]]> : tensor<3x1x4x1xf32>} : () -> tensor<3x1x4x1xf32>
  %db = "tosa.const"() {values = dense<[0.0, 0.1, -0.1, 0.2]> : tensor<4xf32>} : () -> tensor<4xf32>
  %4 = tosa.depthwise_conv2d %3, %dw, %db, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x6x5x4xf32>, tensor<3x1x4x1xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x5x4xf32>
  %k2 = "tosa.const"() {values = dense<[[[[0.8, -1.2, 1.5, 0.6]]]]> : tensor<1x1x1x4xf32>} : () -> tensor<1x1x1x4xf32>
  %c2 = "tosa.const"() {values = dense<[[[[-0.3, 0.2, 0.1, 0.05]]]]> : tensor<1x1x1x4xf32>} : () -> tensor<1x1x1x4xf32>
  %5 = tosa.mul %4, %k2, %shift : (tensor<1x6x5x4xf32>, tensor<1x1x1x4xf32>, tensor<1xi8>) -> tensor<1x6x5x4xf32>
  %6 = tosa.add %5, %c2 : (tensor<1x6x5x4xf32>, tensor<1x1x1x4xf32>) -> tensor<1x6x5x4xf32>
  return %6 : tensor<1x6x5x4xf32>
}
