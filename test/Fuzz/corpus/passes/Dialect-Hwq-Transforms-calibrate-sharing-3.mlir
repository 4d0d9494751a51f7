#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si8, output = si8, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "concat", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "clamp", per_channel = false, alternatives = [#elem]>,
    #hwq.op_rule<op = "concat", per_channel = false, alternatives = [#elem]>]>} {
func.func @concat_shared_through_clamp(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %s0 = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %s2 = tosa.const_shape {values = dense<[0, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %size = tosa.const_shape {values = dense<[1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %p = tosa.slice %x, %s0, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %q = tosa.slice %x, %s2, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %c = tosa.clamp %p {min_val = -0.5 : f32, max_val = 0.5 : f32} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %r = tosa.concat %c, %q {axis = 1 : i32} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  return %r : tensor<1x4xf32>
}
}
