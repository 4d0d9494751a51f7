// RUN: hwq-opt %s --hwq-distinct-results -split-input-file | FileCheck %s
// RUN: hwq-opt %s --hwq-host-lowering -split-input-file | FileCheck %s --check-prefix=HOST
// RUN: hwq-run --make-input=4:f32:7 %t.x.npy
// RUN: hwq-run %s --function=twice --input %t.x.npy --output %t.ref.npz
// RUN: hwq-run %s --function=twice --engine=jit --input %t.x.npy --expect %t.ref.npz | FileCheck %s --check-prefix=JIT

// A value returned twice (found by the --verify-each sweep: two identical
// convolutions merged by CSE crashed buffer-results-to-out-params in
// --hwq-host-lowering). The second occurrence becomes a copy; each result
// gets its own caller buffer, and all are written (after CSE, the host
// lowering returns one value three times).
// CHECK-LABEL: func.func @twice
// CHECK: %[[A:.*]] = tosa.abs
// CHECK: %[[B:.*]] = tosa.abs
// CHECK: %[[C:.*]] = bufferization.alloc_tensor() copy(%[[A]])
// CHECK: return %[[A]], %[[C]], %[[B]] :
// HOST: llvm.func @twice(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// JIT-COUNT-3: expect: output #{{[0-2]}}: 4 elements, 0 mismatches
func.func @twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = tosa.abs %x : (tensor<4xf32>) -> tensor<4xf32>
  %b = tosa.abs %x : (tensor<4xf32>) -> tensor<4xf32>
  return %a, %a, %b : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
