// --make-input writes reproducible random tensors: the same seed gives the
// same file, another seed another; LO:HI bounds the values.
//
// RUN: hwq-run --make-input=3x4:f32:5 %t.a.npy
// RUN: hwq-run --make-input=3x4:f32:5 %t.b.npy
// RUN: cmp %t.a.npy %t.b.npy
// RUN: hwq-run --make-input=3x4:f32:6 %t.c.npy
// RUN: not cmp -s %t.a.npy %t.c.npy
// RUN: hwq-run --make-input=2x2:i16:1:-7:-7 %t.d.npy
// RUN: hwq-run %s --input %t.d.npy --print | FileCheck %s
// RUN: hwq-run --make-input=2x2:i16:9:0:1 %t.e.bin
// RUN: hwq-run %s --input %t.e.bin:2x2:i16 --print | FileCheck %s --check-prefix=BITS
// RUN: not hwq-run --make-input=2x2:q8:1 %t.f.npy 2>&1 | FileCheck %s --check-prefix=KIND
// RUN: not hwq-run --make-input=2x2:i8 %t.f.npy 2>&1 | FileCheck %s --check-prefix=SPEC

// CHECK:      output #0: 2x2xi16
// CHECK-NEXT: [0, :] -7 -7
// CHECK-NEXT: [1, :] -7 -7
// BITS: [0, :] {{[01] [01]$}}
// BITS: [1, :] {{[01] [01]$}}
// KIND: hwq-run: error: --make-input: unknown element type 'q8'
// SPEC: hwq-run: error: --make-input expects SHAPE:TYPE:SEED or SHAPE:TYPE:SEED:LO:HI, got '2x2:i8'

func.func @main(%x: tensor<2x2xi16>) -> tensor<2x2xi16> {
  return %x : tensor<2x2xi16>
}
