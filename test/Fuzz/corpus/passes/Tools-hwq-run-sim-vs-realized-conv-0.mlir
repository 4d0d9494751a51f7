func.func @simulated(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x5x3xf32> {
  %w = arith.constant dense<[[[[-1.0, -0.237], [0.526, -0.711], [0.052, 0.814]], [[-0.423, 0.34], [-0.897, -0.134], [0.629, -0.608]], [[0.155, 0.918], [-0.32, 0.443], [-0.794, -0.031]]], [[[0.732, -0.505], [0.258, -0.979], [-0.216, 0.546]], [[-0.691, 0.072], [0.835, -0.402], [0.361, -0.876]], [[-0.113, 0.649], [-0.588, 0.175], [0.938, -0.299]]], [[[0.464, -0.773], [-0.01, 0.753], [-0.485, 0.278]], [[-0.959, -0.196], [0.567, -0.67], [0.093, 0.856]], [[-0.381, 0.381], [-0.856, -0.093], [0.67, -0.567]]]]> : tensor<3x3x3x2xf32>
  %s_in = arith.constant dense<0.046875> : tensor<f32>
  %z_in = arith.constant dense<3> : tensor<i32>
  %s_w = arith.constant dense<[0.0078125, 0.01171875, 0.015625]> : tensor<3xf32>
  %z_w = arith.constant dense<0> : tensor<3xi32>
  %s_acc = arith.constant dense<[3.662109375e-4, 5.4931640625e-4, 7.32421875e-4]> : tensor<3xf32>
  %s_out = arith.constant dense<0.1015625> : tensor<f32>
  %z_out = arith.constant dense<-5> : tensor<i32>
  %bias = arith.constant dense<[0.03662109375, -0.0274658203125, 0.005126953125]> : tensor<3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %xs = hwq.sim_quantize %x scale(%s_in : tensor<f32>) zero_point(%z_in : tensor<i32>) {bits = 8 : i32} : tensor<1x5x5x2xf32>
  %ws = hwq.sim_quantize %w scale(%s_w : tensor<3xf32>) zero_point(%z_w : tensor<3xi32>) {axis = 0 : i64, bits = 8 : i32, narrow_range = true} : tensor<3x3x3x2xf32>
  %c = tosa.conv2d %xs, %ws, %bias, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x5x5x2xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x5x5x3xf32>
  %y = hwq.sim_quantize %c scale(%s_out : tensor<f32>) zero_point(%z_out : tensor<i32>) acc_scale(%s_acc : tensor<3xf32>) {axis = 3 : i64, bits = 8 : i32} : tensor<1x5x5x3xf32>
  return %y : tensor<1x5x5x3xf32>
}
func.func @realized(%x: tensor<1x5x5x2xf32>) -> tensor<1x5x5x3xf32> {
  %w = arith.constant dense<[[[[-1.0, -0.237], [0.526, -0.711], [0.052, 0.814]], [[-0.423, 0.34], [-0.897, -0.134], [0.629, -0.608]], [[0.155, 0.918], [-0.32, 0.443], [-0.794, -0.031]]], [[[0.732, -0.505], [0.258, -0.979], [-0.216, 0.546]], [[-0.691, 0.072], [0.835, -0.402], [0.361, -0.876]], [[-0.113, 0.649], [-0.588, 0.175], [0.938, -0.299]]], [[[0.464, -0.773], [-0.01, 0.753], [-0.485, 0.278]], [[-0.959, -0.196], [0.567, -0.67], [0.093, 0.856]], [[-0.381, 0.381], [-0.856, -0.093], [0.67, -0.567]]]]> : tensor<3x3x3x2xf32>
  %bias = arith.constant dense<[100, -50, 7]> : tensor<3xi32>
  %xq = hwq.quantize %x : tensor<1x5x5x2xf32> -> tensor<1x5x5x2x!quant.uniform<i8:f32, 0.046875:3>>
  %wq = hwq.quantize %w : tensor<3x3x3x2xf32> -> tensor<3x3x3x2x!quant.uniform<i8<-127:127>:f32:0, {0.0078125, 0.01171875, 0.015625}>>
  %acc = hwq.conv2d %xq, %wq, %bias {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x5x5x2x!quant.uniform<i8:f32, 0.046875:3>>, tensor<3x3x3x2x!quant.uniform<i8<-127:127>:f32:0, {0.0078125, 0.01171875, 0.015625}>>, tensor<3xi32>)
      -> tensor<1x5x5x3x!quant.uniform<i32:f32:3, {3.662109375e-4, 5.4931640625e-4, 7.32421875e-4}>>
  %q = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1982292598, 1486719449, 1982292598>, shift = array<i32: 39, 38, 38>}
      : tensor<1x5x5x3x!quant.uniform<i32:f32:3, {3.662109375e-4, 5.4931640625e-4, 7.32421875e-4}>> -> tensor<1x5x5x3x!quant.uniform<i8:f32, 0.1015625:-5>>
  %y = hwq.dequantize %q : tensor<1x5x5x3x!quant.uniform<i8:f32, 0.1015625:-5>> -> tensor<1x5x5x3xf32>
  return %y : tensor<1x5x5x3xf32>
}
