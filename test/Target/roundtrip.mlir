// Every shipped target's #hwq.target prints in a form that parses back to
// the same attribute: attach, print, re-parse, print again, compare (also
// through the generic op form).

// RUN: hwq-opt --hwq-target=%targets/x86-avx512-vnni.yaml %s -o %t.x86-avx512-vnni.1.mlir
// RUN: hwq-opt %t.x86-avx512-vnni.1.mlir -o %t.x86-avx512-vnni.2.mlir
// RUN: diff %t.x86-avx512-vnni.1.mlir %t.x86-avx512-vnni.2.mlir
// RUN: hwq-opt %t.x86-avx512-vnni.1.mlir --mlir-print-op-generic -o %t.x86-avx512-vnni.g.mlir
// RUN: hwq-opt %t.x86-avx512-vnni.g.mlir -o %t.x86-avx512-vnni.3.mlir
// RUN: diff %t.x86-avx512-vnni.1.mlir %t.x86-avx512-vnni.3.mlir
// RUN: hwq-opt --hwq-target=%targets/x86-amx.yaml %s -o %t.x86-amx.1.mlir
// RUN: hwq-opt %t.x86-amx.1.mlir -o %t.x86-amx.2.mlir
// RUN: diff %t.x86-amx.1.mlir %t.x86-amx.2.mlir
// RUN: hwq-opt %t.x86-amx.1.mlir --mlir-print-op-generic -o %t.x86-amx.g.mlir
// RUN: hwq-opt %t.x86-amx.g.mlir -o %t.x86-amx.3.mlir
// RUN: diff %t.x86-amx.1.mlir %t.x86-amx.3.mlir
// RUN: hwq-opt --hwq-target=%targets/x86-avx2.yaml %s -o %t.x86-avx2.1.mlir
// RUN: hwq-opt %t.x86-avx2.1.mlir -o %t.x86-avx2.2.mlir
// RUN: diff %t.x86-avx2.1.mlir %t.x86-avx2.2.mlir
// RUN: hwq-opt %t.x86-avx2.1.mlir --mlir-print-op-generic -o %t.x86-avx2.g.mlir
// RUN: hwq-opt %t.x86-avx2.g.mlir -o %t.x86-avx2.3.mlir
// RUN: diff %t.x86-avx2.1.mlir %t.x86-avx2.3.mlir
// RUN: hwq-opt --hwq-target=%targets/arm-neon-dotprod.yaml %s -o %t.arm-neon-dotprod.1.mlir
// RUN: hwq-opt %t.arm-neon-dotprod.1.mlir -o %t.arm-neon-dotprod.2.mlir
// RUN: diff %t.arm-neon-dotprod.1.mlir %t.arm-neon-dotprod.2.mlir
// RUN: hwq-opt %t.arm-neon-dotprod.1.mlir --mlir-print-op-generic -o %t.arm-neon-dotprod.g.mlir
// RUN: hwq-opt %t.arm-neon-dotprod.g.mlir -o %t.arm-neon-dotprod.3.mlir
// RUN: diff %t.arm-neon-dotprod.1.mlir %t.arm-neon-dotprod.3.mlir
// RUN: hwq-opt --hwq-target=%targets/arm-neon.yaml %s -o %t.arm-neon.1.mlir
// RUN: hwq-opt %t.arm-neon.1.mlir -o %t.arm-neon.2.mlir
// RUN: diff %t.arm-neon.1.mlir %t.arm-neon.2.mlir
// RUN: hwq-opt %t.arm-neon.1.mlir --mlir-print-op-generic -o %t.arm-neon.g.mlir
// RUN: hwq-opt %t.arm-neon.g.mlir -o %t.arm-neon.3.mlir
// RUN: diff %t.arm-neon.1.mlir %t.arm-neon.3.mlir
// RUN: hwq-opt --hwq-target=%targets/arm-i8mm.yaml %s -o %t.arm-i8mm.1.mlir
// RUN: hwq-opt %t.arm-i8mm.1.mlir -o %t.arm-i8mm.2.mlir
// RUN: diff %t.arm-i8mm.1.mlir %t.arm-i8mm.2.mlir
// RUN: hwq-opt %t.arm-i8mm.1.mlir --mlir-print-op-generic -o %t.arm-i8mm.g.mlir
// RUN: hwq-opt %t.arm-i8mm.g.mlir -o %t.arm-i8mm.3.mlir
// RUN: diff %t.arm-i8mm.1.mlir %t.arm-i8mm.3.mlir
// RUN: hwq-opt --hwq-target=%targets/arm-sve.yaml %s -o %t.arm-sve.1.mlir
// RUN: hwq-opt %t.arm-sve.1.mlir -o %t.arm-sve.2.mlir
// RUN: diff %t.arm-sve.1.mlir %t.arm-sve.2.mlir
// RUN: hwq-opt %t.arm-sve.1.mlir --mlir-print-op-generic -o %t.arm-sve.g.mlir
// RUN: hwq-opt %t.arm-sve.g.mlir -o %t.arm-sve.3.mlir
// RUN: diff %t.arm-sve.1.mlir %t.arm-sve.3.mlir
// RUN: hwq-opt --hwq-target=%targets/nvidia-sm75.yaml %s -o %t.nvidia-sm75.1.mlir
// RUN: hwq-opt %t.nvidia-sm75.1.mlir -o %t.nvidia-sm75.2.mlir
// RUN: diff %t.nvidia-sm75.1.mlir %t.nvidia-sm75.2.mlir
// RUN: hwq-opt %t.nvidia-sm75.1.mlir --mlir-print-op-generic -o %t.nvidia-sm75.g.mlir
// RUN: hwq-opt %t.nvidia-sm75.g.mlir -o %t.nvidia-sm75.3.mlir
// RUN: diff %t.nvidia-sm75.1.mlir %t.nvidia-sm75.3.mlir
// RUN: hwq-opt --hwq-target=%targets/nvidia-sm80.yaml %s -o %t.nvidia-sm80.1.mlir
// RUN: hwq-opt %t.nvidia-sm80.1.mlir -o %t.nvidia-sm80.2.mlir
// RUN: diff %t.nvidia-sm80.1.mlir %t.nvidia-sm80.2.mlir
// RUN: hwq-opt %t.nvidia-sm80.1.mlir --mlir-print-op-generic -o %t.nvidia-sm80.g.mlir
// RUN: hwq-opt %t.nvidia-sm80.g.mlir -o %t.nvidia-sm80.3.mlir
// RUN: diff %t.nvidia-sm80.1.mlir %t.nvidia-sm80.3.mlir
// RUN: hwq-opt --hwq-target=%targets/nvidia-sm90.yaml %s -o %t.nvidia-sm90.1.mlir
// RUN: hwq-opt %t.nvidia-sm90.1.mlir -o %t.nvidia-sm90.2.mlir
// RUN: diff %t.nvidia-sm90.1.mlir %t.nvidia-sm90.2.mlir
// RUN: hwq-opt %t.nvidia-sm90.1.mlir --mlir-print-op-generic -o %t.nvidia-sm90.g.mlir
// RUN: hwq-opt %t.nvidia-sm90.g.mlir -o %t.nvidia-sm90.3.mlir
// RUN: diff %t.nvidia-sm90.1.mlir %t.nvidia-sm90.3.mlir
// RUN: FileCheck %s < %t.arm-neon.2.mlir

// CHECK: module attributes {hwq.target = #hwq.target<name = "arm-neon"
// CHECK-SAME: memory_bandwidth_mbps = 4500

func.func @f() {
  return
}
