// hwq-calibrate engine=jit: the float model runs compiled by the host JIT
// (a clone without sim_quantize ops that returns every observed value)
// instead of in the reference evaluator, and feeds the same statistics.
//
// 1. The hand-checked example of calibrate.mlir (its values are exact in
//    f32, so both engines see the same numbers): the JIT gives exactly the
//    scales and zero points checked there, with and without fold-clamps.
// RUN: echo "1 -2 3 0.5  -1 4 0 2" | hwq-eval --write-npy=2x1x2x2x1:f32 %t.small.npy
// RUN: hwq-opt %S/calibrate.mlir --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.small.npy engine=jit" | FileCheck %S/calibrate.mlir
// RUN: hwq-opt %S/calibrate.mlir --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.small.npy engine=jit fold-clamps=false" | FileCheck %S/calibrate.mlir --check-prefix=NOFOLD
//
// 2. This network (conv + fused ReLU6, average pool, fully connected, two
//    results; the input edge observes a function argument) on 16 random
//    samples: both engines write the same IR and the same statistics, up to
//    the f32 (JIT) versus f64 (reference) rounding of the float model: the
//    maximum of the fully connected output differs by 2 ulp of f32 (and its
//    scale by 1 ulp), everything else is equal. The comparison truncates
//    every decimal number to 6 significant digits (a relative tolerance of
//    about 1e-5); integers (zero points, counts, histogram bins) must be
//    equal.
// RUN: hwq-run --make-input=16x1x4x4x2:f32:7:-3:3 %t.data.npy
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.data.npy stats-out=%t.ref.json" -o %t.ref.mlir
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.data.npy stats-out=%t.jit.json engine=jit progress=true" -o %t.jit.mlir 2> %t.progress.txt
// RUN: FileCheck %s --input-file %t.jit.mlir
// RUN: sed -E -e 's/([1-9]\.[0-9]{5})[0-9]+/\1/g' -e 's/(0\.0*[1-9][0-9]{5})[0-9]+/\1/g' %t.ref.mlir > %t.ref.6.mlir
// RUN: sed -E -e 's/([1-9]\.[0-9]{5})[0-9]+/\1/g' -e 's/(0\.0*[1-9][0-9]{5})[0-9]+/\1/g' %t.jit.mlir > %t.jit.6.mlir
// RUN: diff %t.ref.6.mlir %t.jit.6.mlir
// RUN: sed -E -e 's/([1-9]\.[0-9]{5})[0-9]+/\1/g' -e 's/(0\.0*[1-9][0-9]{5})[0-9]+/\1/g' %t.ref.json > %t.ref.6.json
// RUN: sed -E -e 's/([1-9]\.[0-9]{5})[0-9]+/\1/g' -e 's/(0\.0*[1-9][0-9]{5})[0-9]+/\1/g' %t.jit.json > %t.jit.6.json
// RUN: diff %t.ref.6.json %t.jit.6.json
// RUN: FileCheck %s --check-prefix=PROGRESS --input-file %t.progress.txt
//
// A different sample range gives other scales (the diff above can fail).
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.data.npy range=0:2 engine=jit" -o %t.jit2.mlir
// RUN: sed -E -e 's/([1-9]\.[0-9]{5})[0-9]+/\1/g' -e 's/(0\.0*[1-9][0-9]{5})[0-9]+/\1/g' %t.jit2.mlir > %t.jit2.6.mlir
// RUN: not diff %t.ref.6.mlir %t.jit2.6.mlir
//
// 3. An unknown engine is an error.
// RUN: not hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml -hwq-annotate=remarks=false -hwq-calibrate="data=npy:%t.data.npy engine=gpu" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERROR

// Every sim_quantize is calibrated.
// CHECK-LABEL: func.func @main
// CHECK-NOT: hwq.sim_quantize %{{[0-9a-z_]+}} {
// CHECK: return

// PROGRESS: calibrate: 16/16 samples,

// ERROR: error: hwq-calibrate: unknown engine 'gpu' (expected reference or jit)

func.func @main(%x: tensor<1x4x4x2xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x1x3xf32>) {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.3], [0.2, 0.1], [-0.4, 0.6]], [[0.3, 0.3], [-0.7, 0.2], [0.1, -0.1]], [[0.25, -0.5], [0.4, 0.05], [-0.2, 0.3]]], [[[-0.6, 0.2], [0.1, 0.4], [0.3, -0.2]], [[0.2, -0.1], [0.5, 0.5], [-0.3, 0.1]], [[0.1, 0.2], [-0.1, -0.4], [0.6, 0.2]]]]> : tensor<2x3x3x2xf32>} : () -> tensor<2x3x3x2xf32>
  %b = "tosa.const"() {values = dense<[0.11, -0.07]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %r = tosa.clamp %c {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %p = tosa.avg_pool2d %r, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %shape = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %p, %shape : (tensor<1x2x2x2xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %wf = "tosa.const"() {values = dense<[[[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.3, 0.2, 0.1], [0.7, -0.1, 0.2], [0.2, 0.3, -0.4], [-0.5, 0.6, 0.1], [0.1, -0.7, 0.3], [0.4, 0.1, -0.2]]]> : tensor<1x8x3xf32>} : () -> tensor<1x8x3xf32>
  %y = tosa.matmul %f, %wf, %zp, %zp : (tensor<1x1x8xf32>, tensor<1x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  return %r, %y : tensor<1x4x4x2xf32>, tensor<1x1x3xf32>
}
