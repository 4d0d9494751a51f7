#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = true, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 2000, memory_bandwidth_mbps = 10000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @dynamic_result(%arg0: tensor<1x4xf32>) -> tensor<1x4xf32> {
    %0 = tensor.cast %arg0 : tensor<1x4xf32> to tensor<?x4xf32>
    %1 = tensor.cast %0 : tensor<?x4xf32> to tensor<1x4xf32>
    return %1 : tensor<1x4xf32>
  }
}
