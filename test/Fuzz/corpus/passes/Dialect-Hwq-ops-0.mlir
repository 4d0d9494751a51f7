!in   = !quant.uniform<i8:f32, 0.5:-3>
!w    = !quant.uniform<i8<-127:127>:f32:0, {0.25, 0.125}>
!acc  = !quant.uniform<i32:f32:3, {0.125, 0.0625}>
!act  = !quant.uniform<i8:f32, 0.25:-128>
!sum  = !quant.uniform<i8:f32, 0.5:-128>
!fcw  = !quant.uniform<i8:f32, 0.125>
!fca  = !quant.uniform<i32:f32, 0.0625>
!out  = !quant.uniform<i8:f32, 0.125>
func.func @network(%x: tensor<1x8x8x3xf32>, %w: tensor<2x3x3x3x!w>, %b: tensor<2xi32>,
                   %fw: tensor<10x2x!fcw>) -> tensor<1x1x1x10xf32> {
  %q = hwq.quantize %x : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!in>
  %acc = hwq.conv2d %q, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x3x!in>, tensor<2x3x3x3x!w>, tensor<2xi32>) -> tensor<1x8x8x2x!acc>
  %r = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>, clamp_min = -128 : i64}
      : tensor<1x8x8x2x!acc> -> tensor<1x8x8x2x!act>
  %r2 = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 1073741824, 1073741824>, shift = array<i32: 31, 32>, clamp_min = -128 : i64}
      : tensor<1x8x8x2x!acc> -> tensor<1x8x8x2x!act>
  %a = hwq.add %r, %r2 {intermediate_shift = 15 : i32,
                        multiplier_a = 1073741824 : i32, shift_a = 15 : i32,
                        multiplier_b = 1073741824 : i32, shift_b = 15 : i32,
                        multiplier_out = 1073741824 : i32, shift_out = 46 : i32}
      : (tensor<1x8x8x2x!act>, tensor<1x8x8x2x!act>) -> tensor<1x8x8x2x!sum>
  %unused = hwq.mul %a, %a {multiplier = 1073741824 : i32, shift = 31 : i32}
      : (tensor<1x8x8x2x!sum>, tensor<1x8x8x2x!sum>) -> tensor<1x8x8x2x!sum>
  %p = hwq.max_pool2d %a {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>}
      : tensor<1x8x8x2x!sum> -> tensor<1x4x4x2x!sum>
  %g = hwq.avg_pool2d %p {kernel = array<i64: 4, 4>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>}
      : tensor<1x4x4x2x!sum> -> tensor<1x1x1x2x!sum>
  %f = hwq.fully_connected %g, %fw : (tensor<1x1x1x2x!sum>, tensor<10x2x!fcw>) -> tensor<1x1x1x10x!fca>
  %o = hwq.requantize %f {multiplier = array<i32: 1073741824>, shift = array<i32: 31>}
      : tensor<1x1x1x10x!fca> -> tensor<1x1x1x10x!out>
  %y = hwq.dequantize %o : tensor<1x1x1x10x!out> -> tensor<1x1x1x10xf32>
  return %y : tensor<1x1x1x10xf32>
}
