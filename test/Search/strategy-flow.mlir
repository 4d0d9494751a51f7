// The whole flow on the 4-bit / 16-bit-accumulator fixture target with a
// mixed-precision strategy (3-bit input with KL thresholds, 3-bit
// per-tensor conv weights with percentile thresholds, MSE for the fully
// connected weights): apply strategy -> calibrate -> verify -> exact-sim ->
// verify -> realize -> verify. The realized module is accepted by the
// verifier and computes the simulated outputs bit for bit.
//
// RUN: hwq-run --make-input=16x1x6x6x3:f32:1:-2:2 %t.cal.npy
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-strategy=%S/Inputs/mixed.json \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-verify-strategy --hwq-exact-sim \
// RUN:   --hwq-verify-strategy %S/Inputs/small-net.mlir -o %t.sim.mlir
// RUN: hwq-opt --hwq-realize --hwq-verify-strategy %t.sim.mlir -o %t.real.mlir
// RUN: FileCheck %s --input-file %t.real.mlir
//
// Bit for bit on three inputs, one of them wider than the calibration data.
// RUN: hwq-run --make-input=1x6x6x3:f32:7:-2:2 %t.x1.npy
// RUN: hwq-run --make-input=1x6x6x3:f32:8:-2:2 %t.x2.npy
// RUN: hwq-run --make-input=1x6x6x3:f32:9:-5:5 %t.x3.npy
// RUN: hwq-run %t.sim.mlir --input %t.x1.npy --output %t.sim1.npy
// RUN: hwq-run %t.real.mlir --input %t.x1.npy --output %t.real1.npy
// RUN: cmp %t.sim1.npy %t.real1.npy
// RUN: hwq-run %t.sim.mlir --input %t.x2.npy --output %t.sim2.npy
// RUN: hwq-run %t.real.mlir --input %t.x2.npy --output %t.real2.npy
// RUN: cmp %t.sim2.npy %t.real2.npy
// RUN: hwq-run %t.sim.mlir --input %t.x3.npy --output %t.sim3.npy
// RUN: hwq-run %t.real.mlir --input %t.x3.npy --expect %t.sim3.npy | FileCheck %s --check-prefix=EXPECT
// EXPECT: expect: output #0: 5 elements, 0 mismatches
//
// The realized graph: a 3-bit input edge (u8<0:7>), 3-bit per-tensor conv
// weights (i8<-4:3>), 16-bit accumulators, power-of-two scales (shift-only
// requantize: multiplier 2^30).
// CHECK-LABEL: func.func @main
// CHECK: hwq.quantize %arg0 : tensor<1x6x6x3xf32> -> tensor<1x6x6x3x!quant.uniform<u8<0:7>:f32, {{.*}}>>
// CHECK: hwq.conv2d {{.*}} tensor<4x3x3x3x!quant.uniform<i8<-4:3>:f32, {{.*}}>>, {{.*}} -> tensor<1x6x6x4x!quant.uniform<i16:f32, {{.*}}>>
// CHECK: hwq.requantize {{.*}}multiplier = array<i32: 1073741824>
// CHECK: hwq.fully_connected {{.*}}!quant.uniform<i8<-8:7>:f32, {{.*}}>>) -> tensor<1x1x5x!quant.uniform<i16:f32,
// CHECK-NOT: hwq.sim_quantize
// CHECK: return
