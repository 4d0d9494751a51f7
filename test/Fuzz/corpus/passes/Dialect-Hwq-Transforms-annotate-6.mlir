#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "int-softmax", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "softmax", per_channel = false, alternatives = [
      #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = ui8, macs_per_cycle = 16>]>]>} {
func.func @int_softmax(%arg0: tensor<1x3xf32>) -> tensor<1x3xf32> {
  %shift = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %3 = tosa.reduce_max %arg0 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %4 = tosa.sub %arg0, %3 : (tensor<1x3xf32>, tensor<1x1xf32>) -> tensor<1x3xf32>
  %5 = tosa.exp %4 : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %6 = tosa.reduce_sum %5 {axis = 1 : i32} : (tensor<1x3xf32>) -> tensor<1x1xf32>
  %7 = tosa.reciprocal %6 : (tensor<1x1xf32>) -> tensor<1x1xf32>
  %8 = tosa.mul %5, %7, %shift : (tensor<1x3xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<1x3xf32>
  return %8 : tensor<1x3xf32>
}
}
