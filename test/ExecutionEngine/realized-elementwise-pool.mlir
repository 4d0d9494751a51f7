// JIT == reference, bit for bit, on realized hwq.add (broadcast, fused
// clamp), hwq.mul (u8 x i8, broadcast), hwq.avg_pool2d (padding: border
// windows with fewer valid elements get their own multipliers),
// hwq.max_pool2d (u8 and i8, padding) and hwq.concat.
//
// RUN: hwq-run --make-input=1x4x5x3:i8:21 %t.a.npy
// RUN: hwq-run --make-input=1x1x5x1:i8:22 %t.b.npy
// RUN: hwq-run --make-input=1x4x5x3:u8:23 %t.c.npy
// RUN: hwq-run --make-input=1x4x1x3:i8:24 %t.d.npy
// RUN: hwq-run %s --function add_mul --input %t.a.npy --input %t.b.npy --input %t.c.npy --input %t.d.npy --output %t.ref1.npz
// RUN: hwq-run %s --function add_mul --engine=jit --input %t.a.npy --input %t.b.npy --input %t.c.npy --input %t.d.npy --expect %t.ref1.npz | FileCheck %s --check-prefix=ELT
// ELT: expect: output #0: 60 elements, 0 mismatches
// ELT: expect: output #1: 60 elements, 0 mismatches
//
// RUN: hwq-run --make-input=1x7x6x3:u8:25 %t.x.npy
// RUN: hwq-run --make-input=1x7x6x3:i8:26 %t.y.npy
// RUN: hwq-run %s --function pools --input %t.x.npy --input %t.y.npy --output %t.ref2.npz
// RUN: hwq-run %s --function pools --engine=jit --input %t.x.npy --input %t.y.npy --expect %t.ref2.npz | FileCheck %s --check-prefix=POOL
// POOL: expect: output #0: 36 elements, 0 mismatches
// POOL: expect: output #1: 27 elements, 0 mismatches
// POOL: expect: output #2: 27 elements, 0 mismatches
// POOL: expect: output #3: 81 elements, 0 mismatches

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
