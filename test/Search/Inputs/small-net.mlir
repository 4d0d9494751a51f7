// A small float network for the strategy tests: conv 3x3 -> ReLU -> max pool
// -> reshape -> fully connected (K = 36).
func.func @main(%x: tensor<1x6x6x3xf32>) -> tensor<1x1x5xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.3, 0.2], [0.2, 0.1, -0.4], [-0.4, 0.6, 0.1]], [[0.3, 0.3, -0.2], [-0.7, 0.2, 0.5], [0.1, -0.1, 0.3]], [[0.25, -0.5, 0.1], [0.4, 0.05, -0.3], [-0.2, 0.3, 0.6]]], [[[-0.6, 0.2, 0.1], [0.1, 0.4, -0.2], [0.3, -0.2, 0.2]], [[0.2, -0.1, 0.4], [0.5, 0.5, -0.6], [-0.3, 0.1, 0.2]], [[0.1, 0.2, -0.1], [-0.1, -0.4, 0.3], [0.6, 0.2, -0.5]]], [[[0.05, 0.1, 0.2], [0.3, -0.2, 0.1], [0.2, 0.2, -0.3]], [[-0.1, 0.4, 0.3], [0.2, -0.5, 0.1], [0.4, 0.1, 0.2]], [[0.3, -0.3, 0.1], [-0.2, 0.2, 0.4], [0.1, 0.5, -0.1]]], [[[0.2, 0.2, 0.2], [-0.3, 0.1, 0.4], [0.1, -0.6, 0.2]], [[0.4, 0.1, -0.2], [0.1, 0.3, 0.2], [-0.5, 0.2, 0.1]], [[0.2, -0.4, 0.3], [0.3, 0.1, -0.1], [0.1, 0.2, 0.5]]]]> : tensor<4x3x3x3xf32>} : () -> tensor<4x3x3x3xf32>
  %b = "tosa.const"() {values = dense<[0.11, -0.07, 0.05, 0.2]> : tensor<4xf32>} : () -> tensor<4xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x6x6x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x4xf32>
  %r = tosa.clamp %c {min_val = 0.0 : f32, max_val = 3.4028235e38 : f32} : (tensor<1x6x6x4xf32>) -> tensor<1x6x6x4xf32>
  %p = tosa.max_pool2d %r {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x6x6x4xf32>) -> tensor<1x3x3x4xf32>
  %shape = tosa.const_shape {values = dense<[1, 1, 36]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %p, %shape : (tensor<1x3x3x4xf32>, !tosa.shape<3>) -> tensor<1x1x36xf32>
  %wf = "tosa.const"() {values = dense<0.125> : tensor<1x36x5xf32>} : () -> tensor<1x36x5xf32>
  %y = tosa.matmul %f, %wf, %zp, %zp : (tensor<1x1x36xf32>, tensor<1x36x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x5xf32>
  return %y : tensor<1x1x5xf32>
}
