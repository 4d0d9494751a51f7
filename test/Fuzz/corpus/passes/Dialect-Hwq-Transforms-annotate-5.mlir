#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
#f32 = #hwq.dtype_config<input = f32, weight = none, accumulator = f32, output = f32, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "fc", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "matmul", per_channel = true, alternatives = [
      #hwq.dtype_config<input = si8, weight = si8, accumulator = si32, output = si8, macs_per_cycle = 256>]>,
    #hwq.op_rule<op = "reshape", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 64>, #f32]>,
    #hwq.op_rule<op = "softmax", per_channel = false, alternatives = [#f32]>]>} {
func.func @fc_softmax(%arg0: tensor<1x4xf32>) -> tensor<1x3xf32> {
  %s1 = tosa.const_shape {values = dense<[1, 1, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %s2 = tosa.const_shape {values = dense<[1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %w = "tosa.const"() {values = dense<0.5> : tensor<1x4x3xf32>} : () -> tensor<1x4x3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %0 = tosa.reshape %arg0, %s1 : (tensor<1x4xf32>, !tosa.shape<3>) -> tensor<1x1x4xf32>
  %1 = tosa.matmul %0, %w, %zp, %zp : (tensor<1x1x4xf32>, tensor<1x4x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  %2 = tosa.reshape %1, %s2 : (tensor<1x1x3xf32>, !tosa.shape<2>) -> tensor<1x3xf32>
  %3 = tosa.reduce_max %2 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %4 = tosa.sub %2, %3 : (tensor<1x3xf32>, tensor<1x1xf32>) -> tensor<1x3xf32>
  %5 = tosa.exp %4 : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %6 = tosa.reduce_sum %5 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %7 = tosa.reciprocal %6 : (tensor<1x1xf32>) -> tensor<1x1xf32>
  %8 = tosa.mul %5, %7, %shift : (tensor<1x3xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<1x3xf32>
  return %8 : tensor<1x3xf32>
}
}
