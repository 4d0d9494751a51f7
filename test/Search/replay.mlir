// Replaying a saved strategy reproduces the realized IR byte for byte: the
// run that writes the strategy (annotate, apply a hand-written strategy,
// write the choices, calibrate, exact-sim, realize) and two replays of the
// written file (--hwq-strategy) give identical files.
//
// RUN: hwq-run --make-input=16x1x6x6x3:f32:1:-2:2 %t.cal.npy
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-annotate \
// RUN:   --hwq-apply-strategy=file=%S/Inputs/mixed.json \
// RUN:   --hwq-write-strategy="file=%t.strategy.json seed=3" \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-exact-sim --hwq-realize \
// RUN:   %S/Inputs/small-net.mlir -o %t.first.mlir
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-strategy=%t.strategy.json \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-exact-sim --hwq-realize \
// RUN:   %S/Inputs/small-net.mlir -o %t.replay1.mlir
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-strategy=%t.strategy.json \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-exact-sim --hwq-realize \
// RUN:   %S/Inputs/small-net.mlir -o %t.replay2.mlir
// RUN: cmp %t.first.mlir %t.replay1.mlir
// RUN: cmp %t.replay1.mlir %t.replay2.mlir
//
// The replay differs from the default annotation (the strategy matters).
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-annotate \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-exact-sim --hwq-realize \
// RUN:   %S/Inputs/small-net.mlir -o %t.default.mlir
// RUN: not cmp -s %t.default.mlir %t.replay1.mlir
//
// The written strategy states the per-edge methods and the seed.
// RUN: FileCheck %s --input-file %t.strategy.json
// CHECK: "seed": 3,
// CHECK: "name": "n0.in0",
// CHECK: "bits": 3,
// CHECK: "method": "kl"
// CHECK: "name": "n4.weight",
// CHECK: "method": "mse"
