#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = true, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = requantize, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
#elem = #hwq.dtype_config<input = si8, weight = none, accumulator = si32, output = si8, macs_per_cycle = 16>
module attributes {hwq.target = #hwq.target<name = "pot", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = [
    #hwq.op_rule<op = "add", per_channel = false, alternatives = [#elem]>]>} {
func.func @add_power_of_two(%x: tensor<1x4xf32>) -> tensor<1x2xf32> {
  %s0 = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %s2 = tosa.const_shape {values = dense<[0, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %size = tosa.const_shape {values = dense<[1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %p = tosa.slice %x, %s0, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %q = tosa.slice %x, %s2, %size : (tensor<1x4xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x2xf32>
  %sum = tosa.add %p, %q : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  return %sum : tensor<1x2xf32>
}
}
