// A target file that does not exist is a located error and exit code 1.
// RUN: not hwq-opt --hwq-target=%t.does-not-exist.yaml %s 2>&1 | FileCheck %s
// RUN: hwq-opt --hwq-target=%t.does-not-exist.yaml %s > /dev/null 2>&1 || test $? -eq 1

// CHECK: error: cannot open target description '{{.*}}does-not-exist.yaml'
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
