// The fp32 baseline through the same machinery: f32 tosa.conv2d and
// tosa.matmul with constant weights become packed contractions (k-group 1)
// and FMA micro-kernels; the JIT agrees with the reference within float
// rounding of a different summation order.
//
// RUN: hwq-opt %s --hwq-host-lowering="codegen=x86 x86-isa=avx2 lower-to-llvm=false" | FileCheck %s
// CHECK-LABEL: func @conv
// CHECK: vector.fma {{.*}} : vector<8xf32>
// CHECK-NOT: linalg.conv_2d
// CHECK-LABEL: func @matmul
// CHECK: vector.fma {{.*}} : vector<8xf32>
// CHECK-NOT: linalg.batch_matmul
//
// RUN: hwq-run --make-input=1x7x9x3:f32:1:-2:2 %t.x.npy
// RUN: hwq-run %s --function conv --input %t.x.npy --output %t.ref.npz
// RUN: hwq-run %s --function conv --engine=jit --codegen=x86 --input %t.x.npy --expect %t.ref.npz --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=CONV
// CONV: expect: output #0: 100 elements, 0 mismatches
// RUN: hwq-run --make-input=1x13x19:f32:2:-2:2 %t.a.npy
// RUN: hwq-run %s --function matmul --input %t.a.npy --output %t.ref2.npz
// RUN: hwq-run %s --function matmul --engine=jit --codegen=x86 --input %t.a.npy --expect %t.ref2.npz --rtol 1e-5 --atol 1e-6 | FileCheck %s --check-prefix=MM
// MM: expect: output #0: 273 elements, 0 mismatches

func.func @conv(%x: tensor<1x7x9x3xf32>) -> tensor<1x4x5x5xf32> {
  %w = "tosa.const"() <{values = dense<[[[[0.5, -1.0, 0.25], [1.5, 0.75, -0.5], [0.125, 1.0, 2.0]], [[-0.5, 1.0, 0.25], [1.5, -0.75, -0.5], [0.125, 1.0, -2.0]], [[0.5, 1.0, 0.25], [1.5, 0.75, 0.5], [0.125, -1.0, 2.0]]], [[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]], [[[0.5, -1.0, 0.25], [1.5, 0.75, -0.5], [0.125, 1.0, 2.0]], [[-0.5, 1.0, 0.25], [1.5, -0.75, -0.5], [0.125, 1.0, -2.0]], [[0.5, 1.0, 0.25], [1.5, 0.75, 0.5], [0.125, -1.0, 2.0]]], [[[-1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, -1.0]]], [[[0.5, -1.0, 0.25], [1.5, 0.75, -0.5], [0.125, 1.0, 2.0]], [[-0.5, 1.0, 0.25], [1.5, -0.75, -0.5], [0.125, 1.0, -2.0]], [[0.5, 1.0, 0.25], [1.5, 0.75, 0.5], [0.125, -1.0, 3.0]]]]> : tensor<5x3x3x3xf32>}> : () -> tensor<5x3x3x3xf32>
  %b = "tosa.const"() <{values = dense<[0.5, -1.0, 2.0, 0.0, 1.0]> : tensor<5xf32>}> : () -> tensor<5xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 2>, pad = array<i64: 1, 1, 2, 2>, stride = array<i64: 2, 2>} : (tensor<1x7x9x3xf32>, tensor<5x3x3x3xf32>, tensor<5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x5x5xf32>
  return %y : tensor<1x4x5x5xf32>
}

func.func @matmul(%a: tensor<1x13x19xf32>) -> tensor<1x13x21xf32> {
  %w = "tosa.const"() <{values = dense<0.375> : tensor<1x19x21xf32>}> : () -> tensor<1x19x21xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.matmul %a, %w, %zp, %zp : (tensor<1x13x19xf32>, tensor<1x19x21xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x13x21xf32>
  return %y : tensor<1x13x21xf32>
}
