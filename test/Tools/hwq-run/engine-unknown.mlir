// An unknown --engine is an error that lists the available engines.
// RUN: not hwq-run %s --engine=tpu 2>&1 | FileCheck %s
// RUN: hwq-run %s --engine=tpu > /dev/null 2>&1 || test $? -eq 1

// CHECK: hwq-run: error: unknown engine 'tpu' (available: reference, jit)

func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
