// JIT with the x86 micro-kernels == reference, bit for bit, on a realized
// conv + requantize (u8 input with a zero point, padding, stride and
// dilation, runtime bias) and a fully connected layer on s8 activations,
// with every dot-product step this host can run (generic, avx2).
//
// RUN: hwq-run --make-input=1x9x9x3:u8:1 %t.x.npy
// RUN: hwq-run --make-input=5:i32:3:-3000:3000 %t.b.npy
// RUN: hwq-run %s --function conv --input %t.x.npy --input %t.b.npy --output %t.ref.npz
// RUN: hwq-run %s --function conv --engine=jit --codegen=x86 --x86-isa=generic --input %t.x.npy --input %t.b.npy --expect %t.ref.npz | FileCheck %s --check-prefix=CONV
// RUN: hwq-run %s --function conv --engine=jit --codegen=x86 --x86-isa=avx2 --input %t.x.npy --input %t.b.npy --expect %t.ref.npz | FileCheck %s --check-prefix=CONV
// CONV: expect: output #0: 75 elements, 0 mismatches
// CONV: expect: output #1: 75 elements, 0 mismatches
//
// RUN: hwq-run --make-input=3x2x37:i8:4 %t.x2.npy
// RUN: hwq-run %s --function fc --input %t.x2.npy --output %t.ref2.npz
// RUN: hwq-run %s --function fc --engine=jit --codegen=x86 --x86-isa=generic --input %t.x2.npy --expect %t.ref2.npz | FileCheck %s --check-prefix=FC
// RUN: hwq-run %s --function fc --engine=jit --codegen=x86 --x86-isa=avx2 --input %t.x2.npy --expect %t.ref2.npz | FileCheck %s --check-prefix=FC
// FC: expect: output #0: 60 elements, 0 mismatches
//
// RUN: not hwq-run %s --function fc --engine=jit --x86-isa=sse9 --input %t.x2.npy 2>&1 | FileCheck %s --check-prefix=BADISA
// BADISA: unknown isa 'sse9'
// RUN: not hwq-run %s --function fc --engine=jit --codegen=arm9 --input %t.x2.npy 2>&1 | FileCheck %s --check-prefix=BADCODEGEN
// BADCODEGEN: unknown code generator 'arm9'

!x = !quant.uniform<u8:f32, 0.046875:128>
!w = !quant.uniform<i8:f32, 0.0078125>
!acc = !quant.uniform<i32:f32, 3.662109375e-4>
!y = !quant.uniform<i8:f32, 0.1015625:-5>

func.func @conv(%x: tensor<1x9x9x3x!x>, %b: tensor<5xi32>) -> (tensor<1x5x3x5x!y>, tensor<1x5x3x5x!acc>) {
  %w = "tosa.const"() <{values = dense<"0x01FE030405FA07080901020304FB0607080901020304050607088001FE030405FA07080901020304FB0607080901020304050607087F01FE030405FA07080901020304FB0607080901020304050607080901FE030405FA07080901020304FB0607080901020304050607080901FE030405FA07080901020304FB06070809010203040506070809"> : tensor<5x3x3x3xi8>}> : () -> tensor<5x3x3x3x!w>
  %acc = hwq.conv2d %x, %w, %b {pad = array<i64: 1, 2, 0, 1>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 2>}
      : (tensor<1x9x9x3x!x>, tensor<5x3x3x3x!w>, tensor<5xi32>) -> tensor<1x5x3x5x!acc>
  %y = hwq.requantize %acc {multiplier = array<i32: 1982292598>, shift = array<i32: 39>, clamp_min = -5 : i64}
      : tensor<1x5x3x5x!acc> -> tensor<1x5x3x5x!y>
  return %y, %acc : tensor<1x5x3x5x!y>, tensor<1x5x3x5x!acc>
}

!x2 = !quant.uniform<i8:f32, 0.03125:-3>
!w2 = !quant.uniform<i8:f32:0, {0.015625, 0.0078125, 0.03125, 0.015625, 0.0078125, 0.03125, 0.015625, 0.0078125, 0.03125, 0.015625}>
!acc2 = !quant.uniform<i32:f32:2, {4.8828125e-4, 2.44140625e-4, 9.765625e-4, 4.8828125e-4, 2.44140625e-4, 9.765625e-4, 4.8828125e-4, 2.44140625e-4, 9.765625e-4, 4.8828125e-4}>

func.func @fc(%x: tensor<3x2x37x!x2>) -> tensor<3x2x10x!acc2> {
  %w = "tosa.const"() <{values = dense<"0xAAB70EEEAA8001F0FF557FFF808080807F8080018080FF7FFF807F01557F01FF80FF7F7FB77F0155FFAA557F7D0155807FBC7F7F01800101015AAAAAFFAA7F7FAAB0FF80AA100180AA7FFF801E01FF55FFFF01FF7FC1AAFF80FF557FAA11018F010155FF01FF9301AAAA015801555580B901AA8001AA80555580AAFF808001FF55FF01AA55807FFF8ED1AA7F7F555501FFD1FF8055805501FF0101FF8001AAFF55AAFFFF01FF807FAA807F457F5580F28001AA0155557F015555AAFF017F01AAAA7FDB55F6FFAA01EE01AA55AA0180AA01FF7F012BAA017FAA7F3F80AA018055FF7F7FAAAA0155AA557F7FAAFFAA7FAA8055015501554478FF80AAAA7F7F5580FF0137557FFFAA7FFB80010155B2FFAAAA97DD5555AAFF7F7F807FFF7FFF5501FF80AA7FBFC5807F8E52AA7F7FB001AAAAFF7F01AAAA7FAA55AA55AAAA80017F80807FAA7F7FE7807F7F807F7FAAFFCB7F82FFAA7F80807FA07F552655FFFF5555AA06AAE55580FF2C860180FFAA2B5501FF"> : tensor<10x37xi8>}> : () -> tensor<10x37x!w2>
  %acc = hwq.fully_connected %x, %w : (tensor<3x2x37x!x2>, tensor<10x37x!w2>) -> tensor<3x2x10x!acc2>
  return %acc : tensor<3x2x10x!acc2>
}
