// The x86 lowering of a realized conv (u8 x s8, 64 output channels): the
// micro-kernel's inner step is llvm.x86.avx512.vpdpbusd.512 on <64 x i8>
// operands, which llc turns into vpdpbusd on zmm registers fed by 4-byte
// activation broadcasts
// (6 pixels x 4 blocks of 16 channels = 24 accumulators); the avx2 variant
// emits vpmaddubsw + vpmaddwd for 7-bit weights.
//
// RUN: hwq-opt %s --hwq-lower-x86="x86-isa=avx512-vnni lower-to-llvm=false" | FileCheck %s --check-prefix=MLIR
// MLIR: memref.collapse_shape
// MLIR: scf.for
// MLIR-COUNT-24: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"({{.*}}) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// MLIR-NOT: hwq.packed_contraction
//
// RUN: hwq-opt %s --hwq-lower-x86="x86-isa=avx512-vnni" | mlir-translate --mlir-to-llvmir | opt -O3 | llc -mcpu=sapphirerapids | FileCheck %s --check-prefix=ASM
// ASM: vpbroadcastd {{.*}}(%{{.*}}), %zmm
// ASM-NEXT: vpdpbusd %zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// ASM-NEXT: vpdpbusd %zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
//
// RUN: hwq-opt %s --hwq-lower-x86="x86-isa=avx2" | mlir-translate --mlir-to-llvmir | opt -O3 | llc -mcpu=znver3 | FileCheck %s --check-prefix=AVX2
// AVX2: vpmaddubsw {{.*}}%ymm
// AVX2: vpmaddwd {{.*}}%ymm

!x = !quant.uniform<u8:f32, 0.046875:128>
!w = !quant.uniform<i8<-64:63>:f32, 0.0078125>
!acc = !quant.uniform<i32:f32, 3.662109375e-4>

func.func @conv(%x: tensor<1x8x8x16x!x>) -> tensor<1x8x8x64x!acc> {
  %w = "tosa.const"() <{values = dense<3> : tensor<64x3x3x16xi8>}> : () -> tensor<64x3x3x16x!w>
  %acc = hwq.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x16x!x>, tensor<64x3x3x16x!w>) -> tensor<1x8x8x64x!acc>
  return %acc : tensor<1x8x8x64x!acc>
}
