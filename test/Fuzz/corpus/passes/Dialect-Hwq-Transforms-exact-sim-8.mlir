#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @depthwise_and_matmul(%x: tensor<1x3x3x2xf32>, %a: tensor<1x2x3xf32>, %b: tensor<1x3x4xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x2x4xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<3x3x2x1xf32>} : () -> tensor<3x3x2x1xf32>
  %bias = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s_in = arith.constant dense<0.05> : tensor<f32>
  %s_w = arith.constant dense<[0.01, 0.02]> : tensor<2xf32>
  %s_b = arith.constant dense<0.02> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %z_w = arith.constant dense<0> : tensor<2xi32>
  %s_out = arith.constant dense<0.03> : tensor<f32>
  %xq = hwq.sim_quantize %x scale(%s_in : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x3x2xf32>
  %wq = hwq.sim_quantize %w scale(%s_w : tensor<2xf32>) zero_point(%z_w : tensor<2xi32>) {axis = 2 : i64, bits = 8 : i32, hwq.role = "weight"} : tensor<3x3x2x1xf32>
  %d = tosa.depthwise_conv2d %xq, %wq, %bias, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "depthwise_conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x3x3x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x2xf32>
  %dq = hwq.sim_quantize %d scale(%s_out : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x1x1x2xf32>
  %aq = hwq.sim_quantize %a scale(%s_in : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2x3xf32>
  %bq = hwq.sim_quantize %b scale(%s_b : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3x4xf32>
  %m = tosa.matmul %aq, %bq, %zp, %zp {hwq.kind = "matmul", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x2x3xf32>, tensor<1x3x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x4xf32>
  %mq = hwq.sim_quantize %m scale(%s_out : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x4xf32>
  return %dq, %mq : tensor<1x1x1x2xf32>, tensor<1x2x4xf32>
}
