//===- SimToLinalg.h - hwq.sim_quantize to linalg ---------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Lowering of the simulated quantization op to one elementwise
// linalg.generic with an arith/math body, exact as the reference evaluator.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_CONVERSION_SIMTOLINALG_SIMTOLINALG_H
#define HWQ_CONVERSION_SIMTOLINALG_SIMTOLINALG_H

#include "mlir/IR/PatternMatch.h"

namespace hwq {

/// Adds the pattern that rewrites `hwq.sim_quantize` into a linalg.generic
/// (the identity when uncalibrated).
void populateSimToLinalgPatterns(mlir::RewritePatternSet &patterns);

} // namespace hwq

#endif // HWQ_CONVERSION_SIMTOLINALG_SIMTOLINALG_H
