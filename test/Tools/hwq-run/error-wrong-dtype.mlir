// An input whose element type differs from the argument type.
// RUN: hwq-run --make-input=2x3:i8:1 %t.x.npy
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | FileCheck %s
// RUN: hwq-run %s --input %t.x.npy > /dev/null 2>&1 || test $? -eq 1
// A raw binary declared with another type is checked the same way.
// RUN: printf '\001\002\003\004\005\006' > %t.x.bin
// RUN: not hwq-run %s --input %t.x.bin:2x3:u8 2>&1 | FileCheck %s --check-prefix=RAW

// CHECK: hwq-run: error: {{.*}}:[[@LINE+2]]:1: input #0 ({{.*}}.x.npy): element type mismatch: got i8, the function expects f32 (tensor<2x3xf32>)
// RAW: hwq-run: error: {{.*}}:[[@LINE+1]]:1: input #0 ({{.*}}.x.bin:2x3:u8): element type mismatch: got u8, the function expects f32
func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
