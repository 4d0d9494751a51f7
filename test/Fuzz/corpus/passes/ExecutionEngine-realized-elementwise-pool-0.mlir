!a = !quant.uniform<i8:f32, 0.05:2>
!b = !quant.uniform<i8:f32, 0.08:-1>
!s = !quant.uniform<i8:f32, 0.1:3>
!c = !quant.uniform<u8:f32, 0.02:128>
!d = !quant.uniform<i8:f32, 0.03>
!p = !quant.uniform<i8:f32, 0.04:-10>
func.func @add_mul(%a: tensor<1x4x5x3x!a>, %b: tensor<1x1x5x1x!b>, %c: tensor<1x4x5x3x!c>, %d: tensor<1x4x1x3x!d>)
    -> (tensor<1x4x5x3x!s>, tensor<1x4x5x3x!p>) {
  %s = hwq.add %a, %b {intermediate_shift = 15 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 15 : i32,
                       multiplier_b = 1717986918 : i32, shift_b = 15 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 46 : i32,
                       clamp_max = 50 : i64}
      : (tensor<1x4x5x3x!a>, tensor<1x1x5x1x!b>) -> tensor<1x4x5x3x!s>
  %p = hwq.mul %c, %d {multiplier = 2061584400 : i32, shift = 37 : i32, clamp_min = -10 : i64}
      : (tensor<1x4x5x3x!c>, tensor<1x4x1x3x!d>) -> tensor<1x4x5x3x!p>
  return %s, %p : tensor<1x4x5x3x!s>, tensor<1x4x5x3x!p>
}
!u = !quant.uniform<u8:f32, 0.05:128>
!v = !quant.uniform<u8:f32, 0.04:120>
!i = !quant.uniform<i8:f32, 0.25:-7>
func.func @pools(%x: tensor<1x7x6x3x!u>, %y: tensor<1x7x6x3x!i>)
    -> (tensor<1x4x3x3x!v>, tensor<1x3x3x3x!u>, tensor<1x3x3x3x!i>, tensor<1x3x9x3x!i>) {
  %avg = hwq.avg_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<1x7x6x3x!u> -> tensor<1x4x3x3x!v>
  %maxu = hwq.max_pool2d %x {kernel = array<i64: 3, 2>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 0, 1>}
      : tensor<1x7x6x3x!u> -> tensor<1x3x3x3x!u>
  %maxi = hwq.max_pool2d %y {kernel = array<i64: 3, 2>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 0, 1>}
      : tensor<1x7x6x3x!i> -> tensor<1x3x3x3x!i>
  %maxi2 = hwq.max_pool2d %y {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 0, 1>}
      : tensor<1x7x6x3x!i> -> tensor<1x3x3x3x!i>
  %cat = hwq.concat %maxi, %maxi2, %maxi {axis = 2 : i64}
      : (tensor<1x3x3x3x!i>, tensor<1x3x3x3x!i>, tensor<1x3x3x3x!i>) -> tensor<1x3x9x3x!i>
  return %avg, %maxu, %maxi, %cat : tensor<1x4x3x3x!v>, tensor<1x3x3x3x!u>, tensor<1x3x3x3x!i>, tensor<1x3x9x3x!i>
}
