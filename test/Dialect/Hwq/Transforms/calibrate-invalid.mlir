// Rejected input and options of hwq-calibrate: located errors, no crash.
// RUN: split-file %s %t
// RUN: echo "1 2  3 4" | hwq-eval --write-npy=2x1x2:f32 %t/x.npy
// RUN: hwq-opt %t/no-target.mlir -hwq-calibrate="data=npy:%t/x.npy" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/unannotated.mlir -hwq-calibrate="data=npy:%t/x.npy" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/missing-data.mlir -hwq-calibrate="data=npy:%t/missing.npy" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/bad-range.mlir -hwq-calibrate="data=npy:%t/x.npy range=1:5" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/no-data.mlir -hwq-calibrate -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/data-and-stats.mlir -hwq-calibrate="data=npy:%t/x.npy stats-in=%t/s.json" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/bad-method.mlir -hwq-calibrate="data=npy:%t/x.npy method=median" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/bad-percentile.mlir -hwq-calibrate="data=npy:%t/x.npy method=percentile percentile=0" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/calibrated.mlir -hwq-calibrate="data=npy:%t/x.npy" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/no-role.mlir -hwq-calibrate="data=npy:%t/x.npy" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/two-functions.mlir -hwq-calibrate="data=npy:%t/x.npy" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/no-such-function.mlir -hwq-calibrate="data=npy:%t/x.npy function=g" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/sample-shape.mlir -hwq-calibrate="data=npy:%t/x.npy" -verify-diagnostics -o /dev/null
// RUN: hwq-opt %t/missing-stats.mlir -hwq-calibrate="stats-in=%t/none.json" -verify-diagnostics -o /dev/null
//
// A statistics file written for another graph lacks this graph's edges.
// RUN: hwq-opt %t/bad-range.mlir -hwq-calibrate="data=npy:%t/x.npy stats-out=%t/one-edge.json" -o /dev/null
// RUN: hwq-opt %t/other-graph.mlir -hwq-calibrate="stats-in=%t/one-edge.json" -verify-diagnostics -o /dev/null

//--- no-target.mlir
// expected-error@+1 {{hwq-calibrate needs a #hwq.target in the module's 'hwq.target' attribute}}
module {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- unannotated.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error@+1 {{function @f has no hwq.sim_quantize; run hwq-annotate before hwq-calibrate}}
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = tosa.abs %x : (tensor<1x2xf32>) -> tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- missing-data.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error-re@+1 {{hwq-calibrate: dataset 'npy:{{.*}}missing.npy': cannot open '{{.*}}missing.npy'}}
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- bad-range.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error@+1 {{hwq-calibrate: sample range '1:5' ends after the dataset's 2 samples}}
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- no-data.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error@+1 {{hwq-calibrate: calibration needs data: set data=SPEC}}
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- data-and-stats.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
// expected-error@+1 {{give data=SPEC (run the model) or stats-in=FILE (reuse statistics), not both}}
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- bad-method.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
// expected-error@+1 {{hwq-calibrate: unknown threshold method 'median' (expected max, percentile, kl or mse)}}
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- bad-percentile.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
// expected-error@+1 {{hwq-calibrate: percentile 0 is outside (0, 100]}}
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- calibrated.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %s = arith.constant dense<0.5> : tensor<f32>
    %z = arith.constant dense<0> : tensor<i32>
    // expected-error@+1 {{'hwq.sim_quantize' op is already calibrated; hwq-calibrate runs once, on the output of hwq-annotate}}
    %0 = hwq.sim_quantize %x scale(%s : tensor<f32>) zero_point(%z : tensor<i32>) {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- no-role.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    // expected-error@+1 {{'hwq.sim_quantize' op has no 'hwq.role' attribute; hwq-calibrate fills in the edges hwq-annotate inserted}}
    %0 = hwq.sim_quantize %x {bits = 8 : i32} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- two-functions.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
// expected-error@+1 {{hwq-calibrate: the module has several public functions; choose one with function=NAME}}
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-note@+1 {{candidate @f}}
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    return %x : tensor<1x2xf32>
  }
  // expected-note@+1 {{candidate @g}}
  func.func @g(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    return %x : tensor<1x2xf32>
  }
}

//--- no-such-function.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
// expected-error@+1 {{hwq-calibrate: no function @g with a body in the module}}
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    return %x : tensor<1x2xf32>
  }
}

//--- sample-shape.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error-re@+1 {{hwq-calibrate: sample {{.*}}x.npy[0]: input #0 is 1x2xf32, the function expects 1x3xf32}}
  func.func @f(%x: tensor<1x3xf32>) -> tensor<1x3xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x3xf32>
    return %0 : tensor<1x3xf32>
  }
}

//--- missing-stats.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  // expected-error-re@+1 {{hwq-calibrate: {{.*}}none.json{{.*}}}}
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %0 : tensor<1x2xf32>
  }
}

//--- other-graph.mlir
#scheme = #hwq.scheme<symmetric_weights = true, symmetric_activations = true, narrow_range_weights = false, power_of_two_scales = false, accumulator_bits = 32, overflow = wrap, add_scales = requantize, concat_scales = shared, rounding = half_to_even>
#cost = #hwq.cost_model<clock_mhz = 1000, memory_bandwidth_mbps = 1000, cores = 1>
module attributes {hwq.target = #hwq.target<name = "t", triple = "x86_64-unknown-linux-gnu", cpu = "x", features = "", scheme = #scheme, cost = #cost, ops = []>} {
  func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
    %0 = hwq.sim_quantize %x {bits = 8 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    // expected-error@+1 {{'hwq.sim_quantize' op has no statistics in '}}
    %1 = hwq.sim_quantize %0 {bits = 4 : i32, hwq.role = "activation"} : tensor<1x2xf32>
    return %1 : tensor<1x2xf32>
  }
}
