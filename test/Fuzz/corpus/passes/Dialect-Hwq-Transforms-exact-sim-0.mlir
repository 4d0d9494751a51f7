#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>
func.func @conv_relu6(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.25]]], [[[1.0, 0.75]]]]> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<[0.1234, -0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s_in = arith.constant dense<0.05> : tensor<f32>
  %z_in = arith.constant dense<10> : tensor<i32>
  %s_w = arith.constant dense<[0.01, 0.02]> : tensor<2xf32>
  %z_w = arith.constant dense<0> : tensor<2xi32>
  %s_out = arith.constant dense<0.03> : tensor<f32>
  %z_out = arith.constant dense<-128> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s_in : tensor<f32>) zero_point(%z_in : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x4x4x2xf32>
  %wq = hwq.sim_quantize %w scale(%s_w : tensor<2xf32>) zero_point(%z_w : tensor<2xi32>) {axis = 0 : i64, bits = 8 : i32, hwq.role = "weight", narrow_range = true} : tensor<2x1x1x2xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %cq = hwq.sim_quantize %c scale(%s_out : tensor<f32>) zero_point(%z_out : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x4x4x2xf32>
  %r = tosa.clamp %cq {min_val = 0.0 : f32, max_val = 6.0 : f32, hwq.kind = "clamp", hwq.config = #elem, hwq.alternative = 0 : i64} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %r : tensor<1x4x4x2xf32>
}
