// hwq-apply-strategy / --hwq-strategy: a strategy written from an annotated
// module annotates the float graph identically; edge choices (bits,
// granularity, per-edge methods) and forced alternatives are applied; bad
// files and strategies that do not fit the graph are located errors.
//
// Round trip: annotate, write the strategy, apply it to the float graph.
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-annotate=remarks=false %S/Inputs/small-net.mlir -o %t.ann.mlir
// RUN: hwq-opt %t.ann.mlir --hwq-write-strategy="file=%t.json objective=none seed=7" -o %t.same.mlir
// RUN: cmp %t.ann.mlir %t.same.mlir
// RUN: FileCheck %s --check-prefix=STRAT --input-file %t.json
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-strategy=%t.json %S/Inputs/small-net.mlir -o %t.replayed.mlir
// RUN: cmp %t.ann.mlir %t.replayed.mlir
// The pass form, on the annotated module (nothing to change).
// RUN: hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%t.json -o %t.again.mlir
// RUN: cmp %t.ann.mlir %t.again.mlir
//
// STRAT: "format": "hwq-strategy",
// STRAT: "version": 1,
// STRAT: "target": "int4-acc16",
// STRAT: "seed": 7,
// STRAT: "objective": "none",
// STRAT: "name": "n0",
// STRAT-NEXT: "kind": "conv2d",
// STRAT-NEXT: "alternative": 0
// STRAT: "name": "n0.in0",
// STRAT-NEXT: "role": "activation",
// STRAT-NEXT: "bits": 4,
// STRAT-NEXT: "signed": false,
// STRAT-NEXT: "granularity": "per_tensor"
// STRAT: "name": "n0.weight",
// STRAT-NEXT: "role": "weight",
// STRAT-NEXT: "bits": 4,
// STRAT-NEXT: "signed": true,
// STRAT-NEXT: "granularity": "per_channel"
//
// Edge choices on the annotated module.
// RUN: hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/mixed.json | FileCheck %s --check-prefix=MIXED
// MIXED: hwq.sim_quantize %arg0 {bits = 3 : i32, hwq.edge = "n0.in0", hwq.method = "kl", hwq.role = "activation", is_signed = false}
// MIXED: hwq.sim_quantize %{{.*}} {bits = 3 : i32, hwq.edge = "n0.weight", hwq.method = "percentile", hwq.percentile = 9.950000e+01 : f64, hwq.role = "weight"} : tensor<4x3x3x3xf32>
// MIXED: hwq.sim_quantize %{{.*}} {bits = 4 : i32, hwq.edge = "n0.output", hwq.role = "output", is_signed = false}
// MIXED: hwq.sim_quantize %{{.*}} {bits = 4 : i32, hwq.edge = "n4.weight", hwq.method = "mse", hwq.role = "weight"}
// The written strategy of that module has the new choices.
// RUN: hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/mixed.json --hwq-write-strategy=file=- -o /dev/null | FileCheck %s --check-prefix=MIXEDS
// MIXEDS: "name": "n0.in0",
// MIXEDS-NEXT: "role": "activation",
// MIXEDS-NEXT: "bits": 3,
// MIXEDS-NEXT: "signed": false,
// MIXEDS-NEXT: "granularity": "per_tensor",
// MIXEDS-NEXT: "method": "kl"
// MIXEDS: "name": "n0.weight",
// MIXEDS: "granularity": "per_tensor",
// MIXEDS-NEXT: "method": "percentile",
// MIXEDS-NEXT: "percentile": 99.5
//
// A forced float alternative re-annotates: the fully connected layer stays
// float, its input is dequantized (no edge of n4), the rest is unchanged.
// RUN: hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/float-fc.json | FileCheck %s --check-prefix=FLOAT
// FLOAT: hwq.edge = "n0.in0"
// FLOAT: hwq.edge = "n0.weight"
// FLOAT: hwq.edge = "n0.output"
// FLOAT-NOT: hwq.edge
// FLOAT: tosa.matmul {{.*}}{hwq.kind = "matmul", hwq.node = "n4"}
// FLOAT-NOT: hwq.edge
// FLOAT: return
//
// Calibration honours the per-edge method: a strategy that gives every edge
// "mse" calibrates like method=mse weight-method=mse.
// RUN: hwq-run --make-input=8x1x6x6x3:f32:1:-2:2 %t.cal.npy
// RUN: sed -E 's/"granularity": "(per_tensor|per_channel)"/&, "method": "mse"/' %t.json > %t.mse.json
// RUN: hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%t.mse.json --hwq-calibrate=data=npy:%t.cal.npy | sed -e 's/hwq.method = "mse", //' > %t.cal1.mlir
// RUN: hwq-opt %t.ann.mlir --hwq-calibrate="data=npy:%t.cal.npy method=mse weight-method=mse" > %t.cal2.mlir
// RUN: diff %t.cal1.mlir %t.cal2.mlir
// ... and differs from the default (max) calibration.
// RUN: hwq-opt %t.ann.mlir --hwq-calibrate="data=npy:%t.cal.npy" > %t.cal3.mlir
// RUN: not diff -q %t.cal2.mlir %t.cal3.mlir
//
// Errors.
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/bad-syntax.json 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: error: hwq-apply-strategy: {{.*}}bad-syntax.json:2:30: invalid JSON: Expected , or } after object property
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/bad-key.json 2>&1 | FileCheck %s --check-prefix=KEY
// KEY: error: hwq-apply-strategy: {{.*}}bad-key.json: at edges[0]: unknown key 'bitz'; expected one of name, role, bits, signed, granularity, method, percentile
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/bad-bits.json 2>&1 | FileCheck %s --check-prefix=BITS
// BITS: bad-bits.json: at edges[0].bits: must be between 2 and 32, got 1
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%t.missing.json 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: hwq-apply-strategy: cannot open strategy '{{.*}}missing.json'
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/unknown-edge.json 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: the strategy names edge 'n9.output', which the module does not have (it has 5 quantized edges)
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/activation-per-channel.json 2>&1 | FileCheck %s --check-prefix=PERCHANNEL
// PERCHANNEL: error: 'hwq.sim_quantize' op is edge 'n0.output' (role 'output'); per-channel quantization needs a constant weight edge
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/other-target.json 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: error: the strategy was made for target 'x86-avx512-vnni', the module's target is 'int4-acc16'
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/bad-alternative.json 2>&1 | FileCheck %s --check-prefix=ALT
// ALT: error: 'tosa.conv2d' op strategy chooses alternative 7 for node 'n0', but target 'int4-acc16' lists 2 for 'conv2d'
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/wrong-role.json 2>&1 | FileCheck %s --check-prefix=ROLE
// ROLE: error: 'hwq.sim_quantize' op is edge 'n0.weight' with role 'weight', but the strategy says role 'output'
// RUN: not hwq-opt %t.cal3.mlir --hwq-apply-strategy=file=%t.json 2>&1 | FileCheck %s --check-prefix=CALIBRATED
// CALIBRATED: error: 'hwq.sim_quantize' op is calibrated; apply a strategy before hwq-calibrate
