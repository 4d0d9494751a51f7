// Several results go to one .npz (members output_0, output_1) or to one file
// each (.npy, .bin); both feed back in as inputs, in order.
//
// RUN: printf '\012\024\003\004' > %t.x.bin
// RUN: hwq-run %s --function split --input %t.x.bin:4:i8 --output %t.parts.npz
// RUN: hwq-run %s --function join --input %t.parts.npz --print | FileCheck %s
// RUN: hwq-run %s --function split --input %t.x.bin:4:i8 --output %t.a.npy --output %t.b.bin
// RUN: hwq-run %s --function join --input %t.a.npy --input %t.b.bin:2:i8 --print | FileCheck %s
// RUN: not hwq-run %s --function split --input %t.x.bin:4:i8 --output %t.both.npy 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: not hwq-run %s --function split --input %t.x.bin:4:i8 --output %t.a.npy --output %t.b.npy --output %t.c.npy 2>&1 | FileCheck %s --check-prefix=COUNT

// [10, 20] - [3, 4]:
// CHECK:      output #0: 2xi32
// CHECK-NEXT: [:] 7 16

// ONE: hwq-run: error: cannot write 2 tensors to '{{.*}}both.npy': a .npy file holds one; use .npz
// COUNT: hwq-run: error: 3 --output files given for 2 results

func.func @split(%x: tensor<4xi8>) -> (tensor<2xi8>, tensor<2xi8>) {
  %start0 = tosa.const_shape {values = dense<0> : tensor<1xindex>} : () -> !tosa.shape<1>
  %start2 = tosa.const_shape {values = dense<2> : tensor<1xindex>} : () -> !tosa.shape<1>
  %size = tosa.const_shape {values = dense<2> : tensor<1xindex>} : () -> !tosa.shape<1>
  %a = tosa.slice %x, %start0, %size : (tensor<4xi8>, !tosa.shape<1>, !tosa.shape<1>) -> tensor<2xi8>
  %b = tosa.slice %x, %start2, %size : (tensor<4xi8>, !tosa.shape<1>, !tosa.shape<1>) -> tensor<2xi8>
  return %a, %b : tensor<2xi8>, tensor<2xi8>
}

func.func @join(%a: tensor<2xi8>, %b: tensor<2xi8>) -> tensor<2xi32> {
  %a32 = tosa.cast %a : (tensor<2xi8>) -> tensor<2xi32>
  %b32 = tosa.cast %b : (tensor<2xi8>) -> tensor<2xi32>
  %d = tosa.sub %a32, %b32 : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %d : tensor<2xi32>
}
