// hwq-write-card on the mixed-precision strategy of the 4-bit fixture:
// JSON and Markdown (inline SVG) with the target, the scheme of every
// tensor, per-tensor SQNR against the float model, accuracy float vs
// quantized on labelled samples, the strategy's metadata and a Pareto front.
//
// RUN: hwq-run --make-input=8x1x6x6x3:f32:1:-2:2 %t.cal.npy
// RUN: printf '0\n1\n2\n3\n4\n0\n1\n2\n' > %t.labels.txt
// RUN: printf '{"points": [{"label": "chosen", "accuracy": 0.75, "latency_us": 3.5, "size_bits": 396, "chosen": true}, {"label": "w4", "accuracy": 0.875, "latency_us": 4, "size_bits": 504}, {"label": "off", "accuracy": 0.5, "latency_us": 4.5, "size_bits": 600, "on_front": false}]}' > %t.pareto.json
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-strategy=%S/Inputs/mixed.json \
// RUN:   --hwq-calibrate=data=npy:%t.cal.npy --hwq-exact-sim \
// RUN:   --hwq-write-card="json=%t.card.json markdown=%t.card.md data=npy:%t.cal.npy:labels=%t.labels.txt strategy=%S/Inputs/mixed.json pareto=%t.pareto.json model=small-net" \
// RUN:   %S/Inputs/small-net.mlir -o %t.sim.mlir
// RUN: FileCheck %s --check-prefix=JSONCARD --input-file %t.card.json
// RUN: FileCheck %s --check-prefix=MD --input-file %t.card.md
//
// JSONCARD: "format": "hwq-card",
// JSONCARD: "model": "small-net",
// JSONCARD: "name": "int4-acc16",
// JSONCARD: "seed": 3,
// JSONCARD-NEXT: "objective": "top1"
// JSONCARD: "calibration": {
// JSONCARD-NEXT: "data": "npy:cal.npy",
// JSONCARD-NEXT: "range": "0:8",
// JSONCARD-NEXT: "samples": 8,
// JSONCARD: "evaluation": {
// JSONCARD: "samples": 8,
// JSONCARD-NEXT: "float_accuracy": {{0|1|0\.[0-9]+}},
// JSONCARD-NEXT: "quantized_accuracy": {{0|1|0\.[0-9]+}},
// JSONCARD-NEXT: "agreement": {{0|1|0\.[0-9]+}}
// (3-bit conv weights: 108 elements; 4-bit fc weights: 180 elements.)
// JSONCARD: "average_weight_bits": 3.625
// JSONCARD: "name": "n0",
// JSONCARD-NEXT: "kind": "conv2d",
// JSONCARD-NEXT: "quantized": true,
// JSONCARD-NEXT: "alternative": 0,
// JSONCARD-NEXT: "config": "u4 x s4 -> s16 -> u4",
// JSONCARD-NEXT: "input_bits": 3,
// JSONCARD-NEXT: "weight_bits": 3,
// JSONCARD-NEXT: "output_bits": 4,
// JSONCARD-NEXT: "macs": 3888
// JSONCARD: "tensors": [
// JSONCARD: "name": "n0.in0",
// JSONCARD-NEXT: "role": "activation",
// JSONCARD-NEXT: "node": "n0",
// JSONCARD-NEXT: "kind": "conv2d",
// JSONCARD-NEXT: "bits": 3,
// JSONCARD-NEXT: "signed": false,
// JSONCARD-NEXT: "narrow_range": false,
// JSONCARD-NEXT: "granularity": "per_tensor",
// JSONCARD-NEXT: "method": "kl",
// JSONCARD-NEXT: "scales": [
// JSONCARD-NEXT: {{0\.[0-9]+|[1-9]}}
// JSONCARD-NEXT: ],
// JSONCARD-NEXT: "zero_points": [
// JSONCARD-NEXT: {{[0-7]}}
// JSONCARD-NEXT: ],
// JSONCARD-NEXT: "sqnr_db": {{[0-9]+\.[0-9]+}},
// JSONCARD-NEXT: "local_sqnr_db": {{[0-9]+\.[0-9]+}}
// JSONCARD: "name": "n0.weight",
// JSONCARD: "method": "percentile",
// JSONCARD-NEXT: "percentile": 99.5,
// JSONCARD: "name": "n0.output",
// JSONCARD: "sqnr_db": {{[0-9]+\.[0-9]+}},
// JSONCARD: "pareto": [
// JSONCARD: "label": "chosen",
// JSONCARD: "chosen": true
//
// MD: # Quantization card: small-net
// MD: | target | `int4-acc16` (x86_64-unknown-linux-gnu) |
// MD: | calibration | `npy:cal.npy` samples 0:8 (8 samples); activations `max`, weights `max` |
// MD: | accuracy float | {{[0-9.]+}}% |
// MD: | accuracy quantized | {{[0-9.]+}}% |
// MD: | n0 | conv2d | 0: `u4 x s4 -> s16 -> u4` | 3 | 3 | 4 | 3888 |
// MD: <svg xmlns="http://www.w3.org/2000/svg"
// MD: <title>Bits per quantized layer</title>
// MD: <title>n0 conv2d weight bits: 3</title>
// MD: | n0.in0 | activation | u3 | per_tensor | kl | {{[0-9.]+}} | {{[0-7]}} | {{[0-9]+\.[0-9]+}} | {{[0-9]+\.[0-9]+}} |
// MD: | n0.weight | weight | s3 | per_tensor | percentile 99.5 |
// MD: <title>SQNR per quantized tensor</title>
// MD: ## Pareto front
// MD: | chosen | 75.00% | 3.5 | 396 | yes | **yes** |
// MD: <title>Accuracy vs estimated latency</title>
// MD: <polyline
// MD: <title>chosen: (3.5, 75)</title>
// MD: <title>Accuracy vs model size</title>
//
// Without data the card still has the weights' SQNR (computed from the
// constants, no activation SQNR); it agrees with the measured one.
// RUN: hwq-opt %t.sim.mlir --hwq-write-card=json=%t.nodata.json -o /dev/null
// RUN: cat %t.card.json %t.nodata.json | FileCheck %s --check-prefix=NODATA
// NODATA: "name": "n0.weight",
// NODATA: "sqnr_db": [[W:[0-9]+\.[0-9]{10}]]
// NODATA: "format": "hwq-card",
// NODATA: "name": "n0.in0",
// NODATA: "sqnr_db": null,
// NODATA: "name": "n0.weight",
// NODATA: "sqnr_db": [[W]]
//
// Errors.
// RUN: not hwq-opt %t.sim.mlir -o /dev/null --hwq-write-card="json=%t.x pareto=%t.missing" 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: error: hwq-write-card: cannot open Pareto file
