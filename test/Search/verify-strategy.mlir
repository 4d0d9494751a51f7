// hwq-verify-strategy on the 4-bit / 16-bit-accumulator fixture target:
// the annotation and a valid mixed strategy pass; strategies that violate
// the target (fed through hwq-apply-strategy) are rejected with located
// errors, before and after calibration.
//
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-annotate=remarks=false %S/Inputs/small-net.mlir -o %t.ann.mlir
// RUN: hwq-opt %t.ann.mlir --hwq-verify-strategy -o %t.same.mlir
// RUN: cmp %t.ann.mlir %t.same.mlir
// RUN: hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/mixed.json --hwq-verify-strategy -o /dev/null
//
// 8 bits on a u4 input: too many bits, and the accumulator overflows.
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/wide-input.json --hwq-verify-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=WIDE
// WIDE: ann.mlir:3:10: error: node 'n0' (conv2d): input #0 (edge 'n0.in0') has 8 bits unsigned (u8), but alternative 0 of target 'int4-acc16' takes u4 (too many bits)
// WIDE: error: node 'n0' (conv2d): worst-case accumulator 27 * 255 * 8 = 55080 exceeds the 16-bit saturating accumulator (32767) of target 'int4-acc16'
//
// A signed conv output: every consumer of the edge is told.
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/signed-output.json --hwq-verify-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=SIGNED
// SIGNED: error: node 'n0' (conv2d): the output (edge 'n0.output') has 4 bits signed (s4), but alternative 0 of target 'int4-acc16' takes u4 (other signedness)
// SIGNED: error: node 'n1' (clamp): input #0 (edge 'n0.output') has 4 bits signed (s4)
// SIGNED: error: node 'n4' (matmul): input #0 (edge 'n0.output') has 4 bits signed (s4)
//
// Per-channel weights where the matmul rule says per tensor.
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/fc-per-channel.json --hwq-verify-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=PERCHANNEL
// PERCHANNEL: error: node 'n4' (matmul): edge 'n4.weight' is per channel (axis 2), but target 'int4-acc16' allows only per-tensor weights for 'matmul'
//
// The same violations survive calibration and realization.
// RUN: hwq-run --make-input=4x1x6x6x3:f32:1:-2:2 %t.cal.npy
// RUN: not hwq-opt %t.ann.mlir --hwq-apply-strategy=file=%S/Inputs/wide-input.json --hwq-calibrate=data=npy:%t.cal.npy --hwq-exact-sim --hwq-realize --hwq-verify-strategy -o /dev/null 2>&1 | FileCheck %s --check-prefix=REALIZED
// REALIZED: error: 'hwq.conv2d' multiplies u8 by s4, which no integer alternative of 'conv2d' on target 'int4-acc16' allows
//
// A reduction of 320 overflows the accumulator at 4 bits (320 * 15 * 8);
// a strategy with a 3-bit input (320 * 7 * 8 = 17920) fits.
// RUN: not hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-annotate --hwq-verify-strategy %S/Inputs/wide-fc.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=ACC
// ACC: wide-fc.mlir:6:8: error: node 'n0' (matmul): worst-case accumulator 320 * 15 * 8 = 38400 exceeds the 16-bit saturating accumulator (32767) of target 'int4-acc16'; use fewer bits or a smaller reduction
// RUN: hwq-opt --hwq-target=%S/Inputs/int4-acc16.yaml --hwq-strategy=%S/Inputs/fc-3bit-input.json --hwq-verify-strategy %S/Inputs/wide-fc.mlir -o /dev/null
//
// With wrapping accumulators the worst case is only checked on request.
// RUN: sed -e 's/overflow: saturate/overflow: wrap/' %S/Inputs/int4-acc16.yaml > %t.wrap.yaml
// RUN: hwq-opt --hwq-target=%t.wrap.yaml --hwq-annotate --hwq-verify-strategy %S/Inputs/wide-fc.mlir -o /dev/null
// RUN: not hwq-opt --hwq-target=%t.wrap.yaml --hwq-annotate --hwq-verify-strategy=check-wrapping=true %S/Inputs/wide-fc.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=WRAP
// WRAP: error: node 'n0' (matmul): worst-case accumulator 320 * 15 * 8 = 38400 exceeds the 16-bit wrapping accumulator (32767)
