// The host lowering picks the x86 code generator by the module's
// #hwq.target (codegen=auto): an x86 target gets micro-kernels, a module
// without target (or codegen=plain) the plain loops of linalg.
//
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-host-lowering="lower-to-llvm=false x86-isa=generic" | FileCheck %s --check-prefix=X86
// X86: vector.load
// X86-NOT: linalg.conv_2d_nhwc_fhwc_q
// X86-NOT: hwq.packed_contraction
//
// RUN: hwq-opt %s --hwq-host-lowering="lower-to-llvm=false" | FileCheck %s --check-prefix=PLAIN
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-host-lowering="lower-to-llvm=false codegen=plain" | FileCheck %s --check-prefix=PLAIN
// PLAIN: linalg.conv_2d_nhwc_fhwc_q
// PLAIN-NOT: vector.load
//
// RUN: hwq-opt %s --hwq-host-lowering="lower-to-llvm=false codegen=x86 x86-isa=generic" | FileCheck %s --check-prefix=X86

!x = !quant.uniform<u8:f32, 0.046875:128>
!w = !quant.uniform<i8:f32, 0.0078125>
!acc = !quant.uniform<i32:f32, 3.662109375e-4>

func.func @conv(%x: tensor<1x5x5x4x!x>) -> tensor<1x5x5x8x!acc> {
  %w = "tosa.const"() <{values = dense<-7> : tensor<8x3x3x4xi8>}> : () -> tensor<8x3x3x4x!w>
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x5x5x4x!x>, tensor<8x3x3x4x!w>) -> tensor<1x5x5x8x!acc>
  return %acc : tensor<1x5x5x8x!acc>
}
