!x = !quant.uniform<i8:f32, 0.046875:3>
!w1 = !quant.uniform<i8<-127:127>:f32:0, {0.0078125, 0.01171875, 0.015625}>
!acc1 = !quant.uniform<i32:f32:3, {3.662109375e-4, 5.4931640625e-4, 7.32421875e-4}>
!h = !quant.uniform<i8:f32, 0.1015625:-5>
!w2 = !quant.uniform<i8:f32, 0.0078125>
!acc2 = !quant.uniform<i32:f32, 7.9345703125e-4>
!y = !quant.uniform<i8:f32, 0.125>
func.func @realized(%x: tensor<1x6x6x2xf32>) -> tensor<1x4xf32> {
  %w1 = arith.constant dense<[[[[-1.0, -0.237], [0.526, -0.711], [0.052, 0.814]], [[-0.423, 0.34], [-0.897, -0.134], [0.629, -0.608]], [[0.155, 0.918], [-0.32, 0.443], [-0.794, -0.031]]], [[[0.732, -0.505], [0.258, -0.979], [-0.216, 0.546]], [[-0.691, 0.072], [0.835, -0.402], [0.361, -0.876]], [[-0.113, 0.649], [-0.588, 0.175], [0.938, -0.299]]], [[[0.464, -0.773], [-0.01, 0.753], [-0.485, 0.278]], [[-0.959, -0.196], [0.567, -0.67], [0.093, 0.856]], [[-0.381, 0.381], [-0.856, -0.093], [0.67, -0.567]]]]> : tensor<3x3x3x2xf32>
  %b1 = arith.constant dense<[100, -50, 7]> : tensor<3xi32>
  %w2 = arith.constant dense<[[0.221, 0.435, 0.531, 0.796, 0.432, 0.76, -0.848, -0.062, 0.798, 0.268, 0.722, -0.696, -0.056, -0.456, 0.079, 0.133, -0.876, -0.51, -0.397, 0.749, 0.478, -0.613, 0.535, -0.65, 0.211, -0.672, -0.897], [0.669, -0.523, -0.512, 0.868, 0.67, -0.379, 0.831, 0.071, 0.32, -0.531, 0.794, 0.343, 0.84, 0.709, -0.362, -0.25, -0.601, -0.638, -0.783, -0.358, 0.186, -0.894, 0.32, -0.292, -0.342, 0.573, -0.035], [-0.332, -0.034, 0.368, -0.797, 0.855, -0.859, 0.45, 0.621, -0.867, 0.518, -0.241, 0.141, -0.884, -0.816, -0.574, 0.819, -0.546, 0.46, 0.773, 0.796, -0.28, -0.261, 0.044, 0.496, -0.706, 0.447, 0.535], [0.647, -0.834, 0.802, -0.736, -0.287, 0.199, 0.753, -0.288, 0.764, 0.081, -0.338, -0.33, -0.581, -0.759, -0.632, 0.341, 0.894, -0.609, -0.813, 0.876, 0.06, -0.169, -0.473, 0.169, 0.587, -0.08, -0.141]]> : tensor<4x27xf32>
  %b2 = arith.constant dense<[321, -77, 40, -1000]> : tensor<4xi32>
  %xq = hwq.quantize %x : tensor<1x6x6x2xf32> -> tensor<1x6x6x2x!x>
  %w1q = hwq.quantize %w1 : tensor<3x3x3x2xf32> -> tensor<3x3x3x2x!w1>
  %a1 = hwq.conv2d %xq, %w1q, %b1 {pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
      : (tensor<1x6x6x2x!x>, tensor<3x3x3x2x!w1>, tensor<3xi32>) -> tensor<1x3x3x3x!acc1>
  %h = hwq.requantize %a1 {axis = 3 : i64, multiplier = array<i32: 1982292598, 1486719449, 1982292598>, shift = array<i32: 39, 38, 38>, clamp_min = -5 : i64}
      : tensor<1x3x3x3x!acc1> -> tensor<1x3x3x3x!h>
  %shape = tosa.const_shape {values = dense<[1, 27]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %flat = tosa.reshape %h, %shape : (tensor<1x3x3x3x!h>, !tosa.shape<2>) -> tensor<1x27x!h>
  %w2q = hwq.quantize %w2 : tensor<4x27xf32> -> tensor<4x27x!w2>
  %a2 = hwq.fully_connected %flat, %w2q, %b2 : (tensor<1x27x!h>, tensor<4x27x!w2>, tensor<4xi32>) -> tensor<1x4x!acc2>
  %yq = hwq.requantize %a2 {multiplier = array<i32: 1744830464>, shift = array<i32: 38>} : tensor<1x4x!acc2> -> tensor<1x4x!y>
  %y = hwq.dequantize %yq : tensor<1x4x!y> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}
func.func @simulated(%x: tensor<1x6x6x2xf32>) -> tensor<1x4xf32> {
  %w1 = arith.constant dense<[[[[-1.0, -0.237], [0.526, -0.711], [0.052, 0.814]], [[-0.423, 0.34], [-0.897, -0.134], [0.629, -0.608]], [[0.155, 0.918], [-0.32, 0.443], [-0.794, -0.031]]], [[[0.732, -0.505], [0.258, -0.979], [-0.216, 0.546]], [[-0.691, 0.072], [0.835, -0.402], [0.361, -0.876]], [[-0.113, 0.649], [-0.588, 0.175], [0.938, -0.299]]], [[[0.464, -0.773], [-0.01, 0.753], [-0.485, 0.278]], [[-0.959, -0.196], [0.567, -0.67], [0.093, 0.856]], [[-0.381, 0.381], [-0.856, -0.093], [0.67, -0.567]]]]> : tensor<3x3x3x2xf32>
  %b1 = arith.constant dense<[0.03662109375, -0.0274658203125, 0.005126953125]> : tensor<3xf32>
  %w2 = arith.constant dense<[[[0.221, 0.669, -0.332, 0.647], [0.435, -0.523, -0.034, -0.834], [0.531, -0.512, 0.368, 0.802], [0.796, 0.868, -0.797, -0.736], [0.432, 0.67, 0.855, -0.287], [0.76, -0.379, -0.859, 0.199], [-0.848, 0.831, 0.45, 0.753], [-0.062, 0.071, 0.621, -0.288], [0.798, 0.32, -0.867, 0.764], [0.268, -0.531, 0.518, 0.081], [0.722, 0.794, -0.241, -0.338], [-0.696, 0.343, 0.141, -0.33], [-0.056, 0.84, -0.884, -0.581], [-0.456, 0.709, -0.816, -0.759], [0.079, -0.362, -0.574, -0.632], [0.133, -0.25, 0.819, 0.341], [-0.876, -0.601, -0.546, 0.894], [-0.51, -0.638, 0.46, -0.609], [-0.397, -0.783, 0.773, -0.813], [0.749, -0.358, 0.796, 0.876], [0.478, 0.186, -0.28, 0.06], [-0.613, -0.894, -0.261, -0.169], [0.535, 0.32, 0.044, -0.473], [-0.65, -0.292, 0.496, 0.169], [0.211, -0.342, -0.706, 0.587], [-0.672, 0.573, 0.447, -0.08], [-0.897, -0.035, 0.535, -0.141]]]> : tensor<1x27x4xf32>
  %b2 = "tosa.const"() <{values = dense<[[[0.25469970703125, -0.06109619140625, 0.03173828125, -0.79345703125]]]> : tensor<1x1x4xf32>}> : () -> tensor<1x1x4xf32>
  %s_x = arith.constant dense<0.046875> : tensor<f32>
  %z_x = arith.constant dense<3> : tensor<i32>
  %s_w1 = arith.constant dense<[0.0078125, 0.01171875, 0.015625]> : tensor<3xf32>
  %z_w1 = arith.constant dense<0> : tensor<3xi32>
  %s_a1 = arith.constant dense<[3.662109375e-4, 5.4931640625e-4, 7.32421875e-4]> : tensor<3xf32>
  %s_h = arith.constant dense<0.1015625> : tensor<f32>
  %z_h = arith.constant dense<-5> : tensor<i32>
  %s_w2 = arith.constant dense<0.0078125> : tensor<f32>
  %z0 = arith.constant dense<0> : tensor<i32>
  %s_a2 = arith.constant dense<7.9345703125e-4> : tensor<f32>
  %s_y = arith.constant dense<0.125> : tensor<f32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %xs = hwq.sim_quantize %x scale(%s_x : tensor<f32>) zero_point(%z_x : tensor<i32>) {bits = 8 : i32} : tensor<1x6x6x2xf32>
  %w1s = hwq.sim_quantize %w1 scale(%s_w1 : tensor<3xf32>) zero_point(%z_w1 : tensor<3xi32>) {axis = 0 : i64, bits = 8 : i32, narrow_range = true} : tensor<3x3x3x2xf32>
  %c1 = tosa.conv2d %xs, %w1s, %b1, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>}
      : (tensor<1x6x6x2xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x3x3x3xf32>
  %h0 = hwq.sim_quantize %c1 scale(%s_h : tensor<f32>) zero_point(%z_h : tensor<i32>) acc_scale(%s_a1 : tensor<3xf32>) {axis = 3 : i64, bits = 8 : i32} : tensor<1x3x3x3xf32>
  %h = tosa.clamp %h0 {max_val = 3.0e+38 : f32, min_val = 0.0 : f32} : (tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %shape = tosa.const_shape {values = dense<[1, 1, 27]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %flat = tosa.reshape %h, %shape : (tensor<1x3x3x3xf32>, !tosa.shape<3>) -> tensor<1x1x27xf32>
  %w2s = hwq.sim_quantize %w2 scale(%s_w2 : tensor<f32>) zero_point(%z0 : tensor<i32>) {bits = 8 : i32} : tensor<1x27x4xf32>
  %mm = tosa.matmul %flat, %w2s, %zp, %zp : (tensor<1x1x27xf32>, tensor<1x27x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x4xf32>
  %a2 = tosa.add %mm, %b2 : (tensor<1x1x4xf32>, tensor<1x1x4xf32>) -> tensor<1x1x4xf32>
  %y0 = hwq.sim_quantize %a2 scale(%s_y : tensor<f32>) zero_point(%z0 : tensor<i32>) acc_scale(%s_a2 : tensor<f32>) {bits = 8 : i32} : tensor<1x1x4xf32>
  %oshape = tosa.const_shape {values = dense<[1, 4]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %y0, %oshape : (tensor<1x1x4xf32>, !tosa.shape<2>) -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}
