#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 16, overflow = saturate, add_scales = shared, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 800, memory_bandwidth_mbps = 2000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "a4", triple = "armv7", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si4, weight = si4, accumulator = si16, output = si8, macs_per_cycle = 128>]>,
    #hwq.op_rule<op = "depthwise_conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 32>]>]>} {
func.func @intersection_and_depthwise(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x4xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %dw = "tosa.const"() {values = dense<0.5> : tensor<3x3x2x1xf32>} : () -> tensor<3x3x2x1xf32>
  %dw2 = "tosa.const"() {values = dense<0.5> : tensor<3x3x2x2xf32>} : () -> tensor<3x3x2x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %b4 = "tosa.const"() {values = dense<0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.conv2d %0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %2 = tosa.depthwise_conv2d %0, %dw, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %3 = tosa.depthwise_conv2d %0, %dw2, %b4, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x3x2x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x4xf32>
  return %0, %1, %2, %3 : tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>, tensor<1x4x4x4xf32>
}
}
