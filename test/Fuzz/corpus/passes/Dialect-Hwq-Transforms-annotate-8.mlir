#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
#f32 = #hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = 16>
#f32w = #hwq.dtype_config<input = f32, weight = f32, accumulator = f32, output = f32, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "mixed", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#f32w,
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>]>,
    #hwq.op_rule<op = "concat", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 64>]>,
    #hwq.op_rule<op = "matmul", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si4, accumulator = si32, output = si16, macs_per_cycle = 64>]>]>} {
func.func @concat_and_preferences(%arg0: tensor<1x4x4x2xf32>, %a: tensor<1x2x3xf32>, %b: tensor<1x3x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x2x2xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %w4 = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x4xf32>} : () -> tensor<2x1x1x4xf32>
  %b2 = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.concat %arg0, %0 {axis = 3 : i32} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x4xf32>
  %2 = tosa.conv2d %1, %w4, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>, tensor<2x1x1x4xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %3 = tosa.matmul %a, %b, %zp, %zp : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
  return %2, %3 : tensor<1x4x4x2xf32>, tensor<1x2x2xf32>
}
}
