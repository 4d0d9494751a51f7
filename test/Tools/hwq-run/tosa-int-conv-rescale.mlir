// An int8 TOSA conv2d with an input zero point, bottom/right padding and a
// bias, then a tosa.rescale by 1/2 (round half up) to int8 with an output
// zero point.
//
// RUN: printf '\001\002\003\004\005\006\007\010\011' > %t.x.bin
// RUN: hwq-run %s --input %t.x.bin:1x3x3x1:i8 --print | FileCheck %s

// x = [[1,2,3],[4,5,6],[7,8,9]], weight [[1,0],[0,-1]], input_zp = 1,
// bias 100: out = (x[y,x]-1) - (x[y+1,x+1]-1 where inside) + 100.
// CHECK:      output #0: 1x3x3x1xi32
// CHECK-NEXT: [0, 0, 0, :] 96
// CHECK-NEXT: [0, 0, 1, :] 96
// CHECK-NEXT: [0, 0, 2, :] 102
// CHECK-NEXT: [0, 1, 0, :] 96
// CHECK-NEXT: [0, 1, 1, :] 96
// CHECK-NEXT: [0, 1, 2, :] 105
// CHECK-NEXT: [0, 2, 0, :] 106
// CHECK-NEXT: [0, 2, 1, :] 107
// CHECK-NEXT: [0, 2, 2, :] 108
// floor((v + 1) / 2) - 3:
// CHECK-NEXT: output #1: 1x3x3x1xi8
// CHECK-NEXT: [0, 0, 0, :] 45
// CHECK-NEXT: [0, 0, 1, :] 45
// CHECK-NEXT: [0, 0, 2, :] 48
// CHECK-NEXT: [0, 1, 0, :] 45
// CHECK-NEXT: [0, 1, 1, :] 45
// CHECK-NEXT: [0, 1, 2, :] 50
// CHECK-NEXT: [0, 2, 0, :] 50
// CHECK-NEXT: [0, 2, 1, :] 51
// CHECK-NEXT: [0, 2, 2, :] 51

func.func @main(%x: tensor<1x3x3x1xi8>) -> (tensor<1x3x3x1xi32>, tensor<1x3x3x1xi8>) {
  %w = "tosa.const"() <{values = dense<[[[[1], [0]], [[0], [-1]]]]> : tensor<1x2x2x1xi8>}> : () -> tensor<1x2x2x1xi8>
  %b = "tosa.const"() <{values = dense<100> : tensor<1xi32>}> : () -> tensor<1xi32>
  %izp = "tosa.const"() <{values = dense<1> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %c = tosa.conv2d %x, %w, %b, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 1, 0, 1>, stride = array<i64: 1, 1>} : (tensor<1x3x3x1xi8>, tensor<1x2x2x1xi8>, tensor<1xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x3x3x1xi32>
  %m = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}> : () -> tensor<1xi32>
  %s = "tosa.const"() <{values = dense<31> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rizp = "tosa.const"() <{values = dense<0> : tensor<1xi32>}> : () -> tensor<1xi32>
  %rozp = "tosa.const"() <{values = dense<-3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %r = tosa.rescale %c, %m, %s, %rizp, %rozp {input_unsigned = false, output_unsigned = false, per_channel = false, rounding_mode = SINGLE_ROUND, scale32 = true} : (tensor<1x3x3x1xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x3x3x1xi8>
  return %c, %r : tensor<1x3x3x1xi32>, tensor<1x3x3x1xi8>
}
