// Elementwise float TOSA ops with broadcasting, transpose and an integer
// clamp, on raw int8 inputs written by printf (hand-computable values).
//
// RUN: printf '\001\002\003\374\373\372' > %t.x.bin
// RUN: printf '\012\024\036' > %t.y.bin
// RUN: hwq-run %s --input %t.x.bin:2x3:i8 --input %t.y.bin:1x3:i8 --print | FileCheck %s

// x = [[1, 2, 3], [-4, -5, -6]], y = [[10, 20, 30]]
// (x + y) * 0.5:
// CHECK:      output #0: 2x3xf32
// CHECK-NEXT: [0, :] 5.5 11 16.5
// CHECK-NEXT: [1, :] 3 7.5 12
// CHECK-NEXT: output #1: 3x2xf32
// CHECK-NEXT: [0, :] 5.5 3
// CHECK-NEXT: [1, :] 11 7.5
// CHECK-NEXT: [2, :] 16.5 12
// clamp(x, -2, 3):
// CHECK-NEXT: output #2: 2x3xi8
// CHECK-NEXT: [0, :] 1 2 3
// CHECK-NEXT: [1, :] -2 -2 -2
// exp(0) and sigmoid(0) of x - x:
// CHECK-NEXT: output #3: 1x3xf32
// CHECK-NEXT: [0, :] 1 1 1
// CHECK-NEXT: output #4: 1x3xf32
// CHECK-NEXT: [0, :] 0.5 0.5 0.5

func.func @main(%x: tensor<2x3xi8>, %y: tensor<1x3xi8>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xi8>, tensor<1x3xf32>, tensor<1x3xf32>) {
  %xf = tosa.cast %x : (tensor<2x3xi8>) -> tensor<2x3xf32>
  %yf = tosa.cast %y : (tensor<1x3xi8>) -> tensor<1x3xf32>
  %s = tosa.add %xf, %yf : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  %half = "tosa.const"() <{values = dense<0.5> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %s, %half, %shift : (tensor<2x3xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x3xf32>
  %t = tosa.transpose %m {perms = array<i32: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %c = tosa.clamp %x {min_val = -2 : i8, max_val = 3 : i8} : (tensor<2x3xi8>) -> tensor<2x3xi8>
  %z = tosa.sub %yf, %yf : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<1x3xf32>
  %e = tosa.exp %z : (tensor<1x3xf32>) -> tensor<1x3xf32>
  %g = tosa.sigmoid %z : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return %m, %t, %c, %e, %g : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xi8>, tensor<1x3xf32>, tensor<1x3xf32>
}
