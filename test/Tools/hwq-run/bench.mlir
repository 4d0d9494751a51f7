// --repeat N --bench runs the function N times and prints the median,
// minimum and maximum latency; the outputs are those of the last run.
//
// RUN: hwq-run --make-input=1x8x8x4:f32:3 %t.x.npy
// RUN: hwq-run %s --input %t.x.npy --repeat 5 --bench --print | FileCheck %s
// RUN: not hwq-run %s --input %t.x.npy --repeat 0 2>&1 | FileCheck %s --check-prefix=ZERO

// CHECK: output #0: 1x4x4x4xf32
// CHECK: bench: engine=reference function=@main runs=5 median={{[0-9]+\.[0-9]+}} ms min={{[0-9]+\.[0-9]+}} ms max={{[0-9]+\.[0-9]+}} ms
// ZERO: hwq-run: error: --repeat must be at least 1

func.func @main(%x: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32> {
  %y = tosa.max_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}
