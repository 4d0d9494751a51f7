// Input count, function choice and op requirements violated at run time.
// RUN: hwq-run --make-input=2:i32:1 %t.x.npy
// RUN: not hwq-run %s --input %t.x.npy 2>&1 | FileCheck %s --check-prefix=SEVERAL
// RUN: not hwq-run %s --function two --input %t.x.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: hwq-run %s --function two --input %t.x.npy > /dev/null 2>&1 || test $? -eq 1
// RUN: not hwq-run %s --function nope --input %t.x.npy 2>&1 | FileCheck %s --check-prefix=NOFUNC
// RUN: hwq-run --make-input=2:i32:1:2000000000:2000000000 %t.big.npy
// RUN: not hwq-run %s --function mul --input %t.big.npy 2>&1 | FileCheck %s --check-prefix=RANGE

// SEVERAL: hwq-run: error: the module has several functions; choose one with --function
// COUNT: hwq-run: error: @two takes 2 input(s), 1 given
// NOFUNC: hwq-run: error: no function @nope in the module
// RANGE: hwq-run: error: {{.*}}:[[@LINE+9]]:8: 'tosa.mul' op shifted product leaves the int32 range

func.func @two(%a: tensor<2xi32>, %b: tensor<2xi32>) -> tensor<2xi32> {
  %y = tosa.add %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %y : tensor<2xi32>
}

func.func @mul(%a: tensor<2xi32>) -> tensor<2xi32> {
  %shift = "tosa.const"() <{values = dense<1> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.mul %a, %a, %shift : (tensor<2xi32>, tensor<2xi32>, tensor<1xi8>) -> tensor<2xi32>
  return %y : tensor<2xi32>
}
