// hwq-search on a small network (conv + fused ReLU6, average pool, fully
// connected, 3 logits) with 48 random samples (no labels: the accuracy
// measure is top-1 agreement with the float model).
//
// RUN: hwq-run --make-input=48x1x4x4x2:f32:7:-3:3 %t.data.npy
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-annotate=remarks=false -o %t.annotated.mlir
//
// 1. The noise-sensitivity allocator, one thread and two: the same strategy,
//    fronts and IR (results do not depend on the thread count).
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 eval-range=32:48 min-bits=2 strategy=noise threads=1 strategy-out=%t.s1.json pareto-out=%t.p1.json" -o %t.o1.mlir 2> %t.log1.txt
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 eval-range=32:48 min-bits=2 strategy=noise threads=2 strategy-out=%t.s2.json pareto-out=%t.p2.json" -o %t.o2.mlir 2> %t.log2.txt
// RUN: cmp %t.o1.mlir %t.o2.mlir
// RUN: cmp %t.s1.json %t.s2.json
// RUN: cmp %t.p1.json %t.p2.json
// RUN: FileCheck %s --check-prefix=LOG --input-file %t.log1.txt
// RUN: FileCheck %s --check-prefix=IR --input-file %t.o1.mlir
// RUN: FileCheck %s --check-prefix=STRATEGY --input-file %t.s1.json
// RUN: FileCheck %s --check-prefix=PARETO --input-file %t.p1.json
//
// 2. Replaying the written strategy (annotate with its choices, calibrate on
//    the same samples) gives the searched module byte for byte, and so does
//    the realized integer graph.
// RUN: hwq-opt %s --hwq-target=%targets/x86-avx512-vnni.yaml --hwq-strategy=%t.s1.json --hwq-calibrate="data=npy:%t.data.npy range=0:32" -o %t.replay.mlir
// RUN: cmp %t.o1.mlir %t.replay.mlir
// RUN: hwq-opt %t.o1.mlir --hwq-exact-sim --hwq-realize -o %t.int1.mlir
// RUN: hwq-opt %t.replay.mlir --hwq-exact-sim --hwq-realize -o %t.int2.mlir
// RUN: cmp %t.int1.mlir %t.int2.mlir
// RUN: hwq-opt %t.o1.mlir --hwq-verify-strategy -o /dev/null
//
// 3. The other strategies over the whole space (activations too,
//    granularity, two threshold methods); each prints its evaluation count
//    and leaves a calibrated module that satisfies the target.
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 min-bits=2 strategy=greedy space=all progress=false" -o %t.greedy.mlir 2>&1 | FileCheck %s --check-prefix=GREEDY
// RUN: hwq-opt %t.greedy.mlir --hwq-verify-strategy -o /dev/null
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 min-bits=2 strategy=random random-samples=12 space=all granularity=true methods=max,mse seed=5 pareto-out=%t.r5.json progress=false" -o %t.random.mlir 2>&1 | FileCheck %s --check-prefix=RANDOM
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 min-bits=2 strategy=random random-samples=12 space=all granularity=true methods=max,mse seed=6 pareto-out=%t.r6.json progress=false" -o /dev/null 2>&1
// RUN: not cmp -s %t.r5.json %t.r6.json
// RUN: hwq-opt %t.random.mlir --hwq-verify-strategy -o /dev/null
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 min-bits=2 strategy=lagrangian space=all objective=kl progress=false" -o %t.lagrangian.mlir 2>&1 | FileCheck %s --check-prefix=LAGRANGIAN
//
// The quantization card reads the Pareto file and the strategy file in the
// same pipeline.
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 min-bits=2 progress=false strategy-out=%t.sc.json pareto-out=%t.pc.json" --hwq-write-card="markdown=%t.card.md pareto=%t.pc.json strategy=%t.sc.json data=npy:%t.data.npy range=32:48" -o /dev/null 2>/dev/null
// RUN: FileCheck %s --check-prefix=CARD --input-file %t.card.md
//
// 4. Budgets no candidate meets: a warning, the baseline is kept.
// RUN: hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy range=0:32 strategy=greedy size-budget=10 progress=false" -o %t.budget.mlir 2>&1 | FileCheck %s --check-prefix=BUDGET
// RUN: FileCheck %s --check-prefix=BASELINE --input-file %t.budget.mlir
//
// 6. A target with 8-bit and 4x faster 4-bit contractions, both into 16-bit
//    saturating accumulators: 8-bit containers break the accumulator, so the
//    baseline is lowered and infeasible widths are pruned before any
//    evaluation; the latency front has several points; the chosen strategy
//    (within 15 points) runs the conv on the 4-bit alternative, satisfies
//    the verifier, replays byte for byte and realizes into integers that
//    agree with the simulation on every sample.
// RUN: hwq-opt %s --hwq-target=%S/Inputs/int8-int4-acc16.yaml --hwq-annotate=remarks=false --hwq-search="data=npy:%t.data.npy range=0:32 min-bits=2 strategy=noise space=all max-drop=15 progress=false strategy-out=%t.i4.json" -o %t.i4.mlir 2>&1 | FileCheck %s --check-prefix=INT4
// RUN: FileCheck %s --check-prefix=INT4-IR --input-file %t.i4.mlir
// RUN: hwq-opt %t.i4.mlir --hwq-verify-strategy -o /dev/null
// RUN: hwq-opt %s --hwq-target=%S/Inputs/int8-int4-acc16.yaml --hwq-strategy=%t.i4.json --hwq-calibrate="data=npy:%t.data.npy range=0:32" -o %t.i4.replay.mlir
// RUN: cmp %t.i4.mlir %t.i4.replay.mlir
// RUN: hwq-opt %t.i4.mlir --hwq-exact-sim --hwq-realize -o %t.i4.int.mlir
// RUN: hwq-eval %t.i4.int.mlir --compare=%t.i4.mlir --data=npy:%t.data.npy | FileCheck %s --check-prefix=INT4-AGREE
//
// 5. Bad options are located errors.
// RUN: not hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy strategy=annealing" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERR-STRATEGY
// RUN: not hwq-opt %t.annotated.mlir --hwq-search="data=npy:%t.data.npy objective=f1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERR-OBJECTIVE
// RUN: not hwq-opt %t.annotated.mlir --hwq-search="strategy=noise" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERR-DATA
// RUN: not hwq-opt %t.o1.mlir --hwq-search="data=npy:%t.data.npy" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERR-CALIBRATED

// LOG: search: 6 edges (2 weights), 2 units searched, 32 samples, float agreement 100.00%
// LOG: noise: unit 0 (n0.weight) sensitivity
// LOG: noise: unit 1 (n4.weight) sensitivity
// LOG: search: strategy noise, objective accuracy, seed 1: {{[0-9]+}} model evaluations on 32 samples
// LOG: Pareto front (accuracy vs size):
// LOG-NEXT: #   avg-wbits  size-kbit   latency-us  acc-srch     agree  acc-eval  strategy
// LOG-NEXT: 0        2.00
// LOG: <- chosen
// LOG: Pareto front (accuracy vs estimated latency):

// Every sim_quantize is calibrated; the chosen weights have fewer than 8
// bits (the float agreement is kept with max-drop=1: 7 bits suffice here).
// IR-LABEL: func.func @main
// IR-NOT: hwq.sim_quantize %{{[0-9a-z_]+}} {
// IR: hwq.sim_quantize %{{.*}} scale(%{{.*}} : tensor<2xf32>) zero_point(%{{.*}} : tensor<2xi32>) {axis = 0 : i64, bits = {{[2-7]}} : i32{{.*}}hwq.role = "weight"
// IR: return

// STRATEGY: "seed": 1,
// STRATEGY: "objective": "accuracy",
// STRATEGY: "range": "0:32",
// STRATEGY: "float_accuracy": 1,
// STRATEGY: "evaluations":
// STRATEGY: "name": "n0.weight",
// STRATEGY-NEXT: "role": "weight",
// STRATEGY-NEXT: "bits": {{[2-7]}},

// PARETO: "accuracy_is": "range",
// PARETO: "points": [
// PARETO: "label": "2.00 avg weight bits",
// PARETO: "chosen": true

// GREEDY: search: 6 edges (2 weights), 6 units searched
// GREEDY: greedy: max drop 1.00 -> w[{{[2-8] [2-8]}}] a[{{[2-8] [2-8] [2-8] [2-8]}}]
// GREEDY: search: strategy greedy, objective accuracy, seed 1: {{[0-9]+}} model evaluations

// RANDOM: search: strategy random, objective accuracy, seed 5: 13 model evaluations

// LAGRANGIAN: lagrangian: units ranked by dual x error (keep higher precision first):
// LAGRANGIAN: search: strategy lagrangian, objective kl, seed 1: {{[0-9]+}} model evaluations

// CARD: ## Pareto front

// BUDGET: warning: hwq-search: no evaluated candidate meets the budgets; keeping the baseline
// BASELINE-COUNT-6: bits = 8 : i32

// INT4: Pareto front (accuracy vs estimated latency):
// INT4-NEXT: #
// INT4-NEXT: 0 {{.*}} w[
// INT4-NEXT: 1 {{.*}} w[
// INT4-IR: hwq.alternative = 1 : i64, hwq.config = #hwq.dtype_config<input = ui4, weight = si4, accumulator = si16, output = ui4, macs_per_cycle = 256>, hwq.kind = "conv2d"
// INT4-AGREE: agreement {{ *}}48/48 = 100.00%

// ERR-STRATEGY: error: hwq-search: unknown strategy 'annealing' (expected greedy, random, noise or lagrangian)
// ERR-OBJECTIVE: error: hwq-search: unknown objective 'f1'
// ERR-DATA: error: hwq-search: the search needs data
// ERR-CALIBRATED: error: {{.*}}calibrated

func.func @main(%x: tensor<1x4x4x2xf32>) -> tensor<1x1x3xf32> {
  %w = "tosa.const"() {values = dense<[[[[0.5, -0.3], [0.2, 0.1], [-0.4, 0.6]], [[0.3, 0.3], [-0.7, 0.2], [0.1, -0.1]], [[0.25, -0.5], [0.4, 0.05], [-0.2, 0.3]]], [[[-0.6, 0.2], [0.1, 0.4], [0.3, -0.2]], [[0.2, -0.1], [0.5, 0.5], [-0.3, 0.1]], [[0.1, 0.2], [-0.1, -0.4], [0.6, 0.2]]]]> : tensor<2x3x3x2xf32>} : () -> tensor<2x3x3x2xf32>
  %b = "tosa.const"() {values = dense<[0.11, -0.07]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %r = tosa.clamp %c {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  %p = tosa.avg_pool2d %r, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %shape = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %p, %shape : (tensor<1x2x2x2xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %wf = "tosa.const"() {values = dense<[[[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.3, 0.2, 0.1], [0.7, -0.1, 0.2], [0.2, 0.3, -0.4], [-0.5, 0.6, 0.1], [0.1, -0.7, 0.3], [0.4, 0.1, -0.2]]]> : tensor<1x8x3xf32>} : () -> tensor<1x8x3xf32>
  %y = tosa.matmul %f, %wf, %zp, %zp : (tensor<1x1x8xf32>, tensor<1x8x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3xf32>
  return %y : tensor<1x1x3xf32>
}
