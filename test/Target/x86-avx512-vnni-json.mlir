// RUN: hwq-opt --hwq-target=%targets/x86-avx512-vnni.json %s > %t.json.mlir
// RUN: hwq-opt --hwq-target=%targets/x86-avx512-vnni.yaml %s > %t.yaml.mlir
// RUN: diff %t.json.mlir %t.yaml.mlir
// RUN: FileCheck %s < %t.json.mlir

// JSON is accepted as the YAML subset it is: the JSON form of
// x86-avx512-vnni gives the very module its YAML form gives.

// CHECK: module attributes {hwq.target = #hwq.target<name = "x86-avx512-vnni"
// CHECK-SAME: #hwq.op_rule<op = "conv2d", per_channel = true, alternatives = [#hwq.dtype_config<input = ui8, weight = si8, accumulator = si32, output = ui8, macs_per_cycle = 128>
// CHECK-LABEL: func.func @f
func.func @f() {
  return
}
