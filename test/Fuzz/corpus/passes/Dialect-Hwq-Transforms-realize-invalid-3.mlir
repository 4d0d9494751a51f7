#conv = #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>
func.func @bias_off_grid(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
  %w = "tosa.const"() {values = dense<0.5> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %s = arith.constant dense<0.05> : tensor<f32>
  %acc = arith.constant dense<0.0025000001769512892> : tensor<f32>
  %z = arith.constant dense<0> : tensor<i32>
  %xq = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32} : tensor<1x2x2x1xf32>
  %wq = hwq.sim_quantize %w scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "weight"} : tensor<1x1x1x1xf32>
  %b = "tosa.const"() {values = dense<0.1013> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, hwq.kind = "conv2d", hwq.config = #conv, hwq.alternative = 0 : i64} : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  %cq = hwq.sim_quantize %c scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) acc_scale(%acc : tensor<f32>) {bits = 8 : i32, hwq.role = "output"} : tensor<1x2x2x1xf32>
  return %cq : tensor<1x2x2x1xf32>
}
