// Depthwise convolutions with the channel-innermost schedule
// (hwq-pack-contractions: packDepthwise): the input zero point folded into
// the bias, padding with the zero point; JIT == reference bit for bit for
// u8 and s8 inputs, padding, strides, dilation, constant and runtime biases,
// and the f32 depthwise of the fp32 baseline within float rounding.
//
// RUN: hwq-opt %s --hwq-host-lowering="codegen=x86 lower-to-llvm=false" | FileCheck %s
// CHECK-LABEL: func @dw_u8
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]
// CHECK-SAME: hwq.depthwise
// CHECK-NOT: linalg.depthwise_conv_2d
// CHECK-LABEL: func @dw_f32
// CHECK: hwq.depthwise
//
// RUN: hwq-run --make-input=1x9x8x19:u8:1 %t.x.npy
// RUN: hwq-run --make-input=19:i32:2:-3000:3000 %t.b.npy
// RUN: hwq-run %s --function dw_u8 --input %t.x.npy --input %t.b.npy --output %t.ref.npz
// RUN: hwq-run %s --function dw_u8 --engine=jit --codegen=x86 --input %t.x.npy --input %t.b.npy --expect %t.ref.npz | FileCheck %s --check-prefix=U8
// U8: expect: output #0: 380 elements, 0 mismatches
// U8: expect: output #1: 380 elements, 0 mismatches
// RUN: hwq-run --make-input=2x7x6x5:i8:3 %t.x2.npy
// RUN: hwq-run %s --function dw_s8 --input %t.x2.npy --output %t.ref2.npz
// RUN: hwq-run %s --function dw_s8 --engine=jit --codegen=x86 --input %t.x2.npy --expect %t.ref2.npz | FileCheck %s --check-prefix=S8
// S8: expect: output #0: 60 elements, 0 mismatches
// RUN: hwq-run --make-input=1x6x7x4:f32:4:-2:2 %t.x3.npy
// RUN: hwq-run %s --function dw_f32 --input %t.x3.npy --output %t.ref3.npz
// RUN: hwq-run %s --function dw_f32 --engine=jit --codegen=x86 --input %t.x3.npy --expect %t.ref3.npz --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=F32
// F32: expect: output #0: 168 elements, 0 mismatches

!x = !quant.uniform<u8:f32, 0.046875:201>
!w = !quant.uniform<i8:f32:2, {0.0078125, 0.00390625, 0.001953125, 0.0078125, 0.00390625, 0.001953125, 0.0078125, 0.00390625, 0.001953125, 0.0078125, 0.00390625, 0.001953125, 0.0078125, 0.00390625, 0.001953125, 0.0078125, 0.00390625, 0.001953125, 0.0078125}>
!acc = !quant.uniform<i32:f32:3, {0.0003662109375, 0.00018310546875, 9.1552734375e-05, 0.0003662109375, 0.00018310546875, 9.1552734375e-05, 0.0003662109375, 0.00018310546875, 9.1552734375e-05, 0.0003662109375, 0.00018310546875, 9.1552734375e-05, 0.0003662109375, 0.00018310546875, 9.1552734375e-05, 0.0003662109375, 0.00018310546875, 9.1552734375e-05, 0.0003662109375}>
!y = !quant.uniform<u8:f32, 0.1:128>

func.func @dw_u8(%x: tensor<1x9x8x19x!x>, %b: tensor<19xi32>) -> (tensor<1x5x4x19x!y>, tensor<1x5x4x19x!acc>) {
  %w = "tosa.const"() <{values = dense<"0x7942BDF22106F0847762F0F3CB4D764DC7072051159A0F89F2C6DACAE344BB311245FD6F84DF9AD7C5B3D076AC0E8F53A7356C88913F20F6F72DB022D24D0A96DAD43C1617C1A98E78129E0327371065D095864F15ADA0B846C1C0EBC5348ADC799ADF849BAD05D4A10AC0441EAAEEB4B48EFA0B1F0ABD80E998A35ABA5EA0BD8799C1350D439E71897AA75FDE3134A4AA72E05628AC6FE68A733D1161A15D8EAE2BB042D7958AEDB1D594"> : tensor<3x3x19x1xi8>}> : () -> tensor<3x3x19x1x!w>
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 1, 1, 2, 1>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 2>}
      : (tensor<1x9x8x19x!x>, tensor<3x3x19x1x!w>, tensor<19xi32>) -> tensor<1x5x4x19x!acc>
  %y = hwq.requantize %acc {axis = 3 : i64, multiplier = array<i32: 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920, 2013265920>, shift = array<i32: 39, 40, 41, 39, 40, 41, 39, 40, 41, 39, 40, 41, 39, 40, 41, 39, 40, 41, 39>}
      : tensor<1x5x4x19x!acc> -> tensor<1x5x4x19x!y>
  return %y, %acc : tensor<1x5x4x19x!y>, tensor<1x5x4x19x!acc>
}

!x2 = !quant.uniform<i8:f32, 0.03125:-100>
!w2 = !quant.uniform<i8:f32, 0.0078125>
!acc2 = !quant.uniform<i32:f32, 2.44140625e-4>

func.func @dw_s8(%x: tensor<2x7x6x5x!x2>) -> tensor<2x3x2x5x!acc2> {
  %w = "tosa.const"() <{values = dense<"0xD6D112D34F6602F4DE7110E993AE7422923D7D171165DC1906F63D57997A"> : tensor<2x3x5x1xi8>}> : () -> tensor<2x3x5x1x!w2>
  %b = "tosa.const"() <{values = dense<[7, -70, 700, -7000, 70000]> : tensor<5xi32>}> : () -> tensor<5xi32>
  %acc = hwq.depthwise_conv2d %x, %w, %b {pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
      : (tensor<2x7x6x5x!x2>, tensor<2x3x5x1x!w2>, tensor<5xi32>) -> tensor<2x3x2x5x!acc2>
  return %acc : tensor<2x3x2x5x!acc2>
}

func.func @dw_f32(%x: tensor<1x6x7x4xf32>) -> tensor<1x6x7x4xf32> {
  %w = "tosa.const"() <{values = dense<[[[[0.5], [-1.0], [0.25], [2.0]], [[1.5], [0.75], [-0.5], [1.0]], [[0.125], [1.0], [2.0], [-3.0]]], [[[0.5], [-1.0], [0.25], [2.0]], [[1.5], [0.75], [-0.5], [1.0]], [[0.125], [1.0], [2.0], [-3.0]]], [[[1.5], [-1.0], [0.25], [2.0]], [[1.5], [0.75], [-0.5], [1.0]], [[0.125], [1.0], [2.0], [-3.5]]]]> : tensor<3x3x4x1xf32>}> : () -> tensor<3x3x4x1xf32>
  %b = "tosa.const"() <{values = dense<[0.5, -1.0, 2.0, 0.0]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x6x7x4xf32>, tensor<3x3x4x1xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x7x4xf32>
  return %y : tensor<1x6x7x4xf32>
}
