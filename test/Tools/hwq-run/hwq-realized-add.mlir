// Realized integer ops on !quant.uniform arguments: hwq.add through its
// intermediate grid (the example of its description), a fused clamp as an
// identity hwq.requantize, and hwq.dequantize.
//
// RUN: printf '\001\002\003\375' > %t.a.bin
// RUN: printf '\005' > %t.b.bin
// RUN: hwq-run %s --input %t.a.bin:1x4:i8 --input %t.b.bin:1x1:i8 --print | FileCheck %s

// a = [1, 2, 3, -3] at scale 0.5, b = 5 at scale 1: the sums 5.5, 6, 6.5, 3.5
// round half up on the output grid (scale 1).
// CHECK:      output #0: 1x4xi8
// CHECK-NEXT: [0, :] 6 6 7 4
// clamp to [0, 6]:
// CHECK-NEXT: output #1: 1x4xi8
// CHECK-NEXT: [0, :] 6 6 6 4
// CHECK-NEXT: output #2: 1x4xf32
// CHECK-NEXT: [0, :] 6 6 6 4

func.func @main(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<1x1x!quant.uniform<i8:f32, 1.0>>)
    -> (tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4xf32>) {
  %y = hwq.add %a, %b {intermediate_shift = 10 : i32,
                       multiplier_a = 1073741824 : i32, shift_a = 20 : i32,
                       multiplier_b = 1073741824 : i32, shift_b = 19 : i32,
                       multiplier_out = 1073741824 : i32, shift_out = 41 : i32}
       : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<1x1x!quant.uniform<i8:f32, 1.0>>)
         -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  %c = hwq.requantize %y {multiplier = array<i32: 1073741824>, shift = array<i32: 30>, clamp_min = 0 : i64, clamp_max = 6 : i64}
       : tensor<1x4x!quant.uniform<i8:f32, 1.0>> -> tensor<1x4x!quant.uniform<i8:f32, 1.0>>
  %f = hwq.dequantize %c : tensor<1x4x!quant.uniform<i8:f32, 1.0>> -> tensor<1x4xf32>
  return %y, %c, %f : tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4x!quant.uniform<i8:f32, 1.0>>, tensor<1x4xf32>
}
