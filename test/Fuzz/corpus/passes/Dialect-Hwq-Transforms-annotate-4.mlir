#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = false, narrow_range_weights = true, power_of_two_scales = true, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "u8", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "+avx512vnni", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [
      #hwq.dtype_config<input = ui8, weight = si8, accumulator = si32, output = ui8, macs_per_cycle = 256>]>,
    #hwq.op_rule<op = "max_pool2d", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 64>,
      #hwq.dtype_config<input = ui8, weight = none, accumulator = ui8, output = ui8, macs_per_cycle = 64>]>,
    #hwq.op_rule<op = "avg_pool2d", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 64>]>]>} {
func.func @unsigned_activations(%arg0: tensor<1x4x4x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = "tosa.const"() {values = dense<0.5> : tensor<2x1x1x2xf32>} : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() {values = dense<0.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = tosa.conv2d %arg0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %1 = tosa.max_pool2d %0 {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  %2 = tosa.avg_pool2d %0, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  return %1, %2 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}
}
