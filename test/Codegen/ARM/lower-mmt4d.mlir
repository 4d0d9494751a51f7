// hwq-lower-arm (stopping before LLVM) turns the packed linalg.mmt4d of a
// 5x37 by 37x10 fully connected layer into the micro-kernel loops of each
// kernel, with the accumulators carried through the K loop.
//
// RUN: hwq-opt %s --hwq-lower-arm="kernel=i8mm lower-to-llvm=false" | FileCheck %s --check-prefix=I8MM
// RUN: hwq-opt %s --hwq-lower-arm="kernel=sve lower-to-llvm=false" | FileCheck %s --check-prefix=SVE
// RUN: hwq-opt %s --hwq-lower-arm="kernel=dotprod lower-to-llvm=false" | FileCheck %s --check-prefix=DOT
// RUN: hwq-opt %s --hwq-lower-arm="kernel=neon lower-to-llvm=false" | FileCheck %s --check-prefix=NEON --implicit-check-not=arm_neon.intr.sdot --implicit-check-not=arm_neon.intr.smmla --implicit-check-not=arm_sve
// The whole pipeline to the LLVM dialect, kernel taken from the target.
// RUN: hwq-opt %s --hwq-target=%targets/arm-i8mm.yaml | hwq-opt --hwq-lower-arm | FileCheck %s --check-prefix=LLVM
// LLVM: arm_neon.intr.smmla
// LLVM-NOT: linalg.
// LLVM-NOT: vector.load

// M = 5: M1 = 3 tiles of 2 rows, padded to 4 (a power-of-two register
// block); N = 10: N1 = 5 tiles of 2, padded to 8; K = 37: K1 = 5 tiles of 8.
// Steps of 4x4 tiles (16 accumulators): the M loop has one iteration and
// folds away.
// I8MM-LABEL: func.func @fc
// I8MM-NOT: linalg.mmt4d
// I8MM: memref.get_global {{.*}} : memref<8x5x2x8xi8>
// I8MM: scf.for %[[J:.*]] = %c0 to %c8 step %c4
// I8MM-COUNT-16: vector.load {{.*}} : memref<4x32xi32>, vector<4xi32>
// I8MM: scf.for %[[K:.*]] = %c0 to %c5 step %c1 iter_args
// I8MM-COUNT-8: vector.load {{.*}} : memref<{{4|8}}x80xi8>, vector<16xi8>
// I8MM-COUNT-16: arm_neon.intr.smmla {{.*}} : vector<16xi8> to vector<4xi32>
// I8MM: scf.yield
// I8MM-COUNT-16: vector.store
// I8MM-NOT: linalg.mmt4d

// SVE-LABEL: func.func @fc
// SVE: %[[VS:.*]] = vector.vscale
// SVE: vector.step : vector<[4]xindex>
// SVE: scf.for {{.*}} = %c0 to %c5 step %[[VS]] iter_args
// SVE: vector.create_mask {{.*}} : vector<[16]xi1>
// SVE: vector.maskedload {{.*}} : memref<{{4|8}}x80xi8>, vector<[16]xi1>, vector<[16]xi8> into vector<[16]xi8>
// SVE: arm_sve.smmla {{.*}} : vector<[16]xi8> to vector<[4]xi32>
// SVE: vector.reduction <add>, {{.*}} : vector<[4]xi32> into i32
// SVE: vector.from_elements {{.*}} : vector<4xi32>

// M = 5 rows in one tile of 5 (M0 = min(M, 8)), N1 = 4 tiles of 4 columns.
// DOT-LABEL: func.func @fc
// DOT: scf.for {{.*}} = %c0 to %c10 step %c1 iter_args
// DOT-COUNT-2: vector.load {{.*}} : memref<4x160xi8>, vector<16xi8>
// DOT: vector.load {{.*}} : memref<1x200xi8>, vector<4xi8>
// DOT: vector.bitcast {{.*}} : vector<4xi8> to vector<1xi32>
// DOT: arm_neon.intr.sdot {{.*}} : vector<16xi8>, vector<16xi8> to vector<4xi32>

// Narrow-range weights: two K tiles per step, their products added in i16.
// NEON-LABEL: func.func @fc
// NEON: scf.for {{.*}} = %c0 to %c10 step %c2 iter_args
// NEON-COUNT-4: vector.load {{.*}} : memref<4x160xi8>, vector<8xi8>
// NEON: arm_neon.intr.smull {{.*}} : vector<8xi8> to vector<8xi16>
// NEON: arm_neon.intr.smull {{.*}} : vector<8xi8> to vector<8xi16>
// NEON: arith.addi {{.*}} : vector<8xi16>
// NEON: llvm.call_intrinsic "llvm.aarch64.neon.saddlp.v4i32.v8i16"({{.*}}) : (vector<8xi16>) -> vector<4xi32>
// NEON: scf.yield
// NEON: vector.shuffle {{.*}} [0, 2, 4, 6] : vector<4xi32>, vector<4xi32>

// A weight of -128: one K tile per step (no i16 pair sums).
// NEON-LABEL: func.func @fc_full_range
// NEON: scf.for {{.*}} = %c0 to %c10 step %c1 iter_args
// NEON-NOT: arith.addi {{.*}} : vector<8xi16>
// NEON: scf.yield

!x = !quant.uniform<i8:f32, 0.03125:-3>
!w = !quant.uniform<i8<-127:127>:f32, 0.0078125>
!acc = !quant.uniform<i32:f32, 2.44140625e-4>
func.func @fc(%x: tensor<5x37x!x>) -> tensor<5x10x!acc> {
  %w = "tosa.const"() <{values = dense<3> : tensor<10x37xi8>}> : () -> tensor<10x37x!w>
  %acc = hwq.fully_connected %x, %w : (tensor<5x37x!x>, tensor<10x37x!w>) -> tensor<5x10x!acc>
  return %acc : tensor<5x10x!acc>
}

!wr = !quant.uniform<i8:f32, 0.0078125>
func.func @fc_full_range(%x: tensor<5x37x!x>) -> tensor<5x10x!acc> {
  %w = "tosa.const"() <{values = dense<-128> : tensor<10x37xi8>}> : () -> tensor<10x37x!wr>
  %acc = hwq.fully_connected %x, %w : (tensor<5x37x!x>, tensor<10x37x!wr>) -> tensor<5x10x!acc>
  return %acc : tensor<5x10x!acc>
}
