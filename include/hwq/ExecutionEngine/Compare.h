//===- Compare.h - compare engine outputs -----------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Element-by-element comparison of two runtime tensors, used to check one
// engine's results against another's (`hwq-run --expect`).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_EXECUTIONENGINE_COMPARE_H
#define HWQ_EXECUTIONENGINE_COMPARE_H

#include "hwq/Runtime/Tensor.h"

#include "llvm/Support/Error.h"

#include <cstdint>

namespace hwq {

/// The outcome of compareTensors.
struct TensorComparison {
  int64_t numElements = 0;
  /// Elements outside the tolerance.
  int64_t numMismatches = 0;
  /// Linear index of the first mismatch, -1 when there is none.
  int64_t firstMismatch = -1;
  /// Largest |actual - expected| and |actual - expected| / |expected| (0
  /// where expected is 0 and actual too).
  double maxAbsError = 0;
  double maxRelError = 0;
};

/// Compares `actual` with `expected` element by element. Integer kinds must
/// be equal; float kinds must satisfy |a - e| <= atol + rtol * |e| (NaN
/// matches NaN, infinities match themselves). Fails when the kinds or shapes
/// differ.
llvm::Expected<TensorComparison> compareTensors(const runtime::Tensor &actual,
                                                const runtime::Tensor &expected,
                                                double rtol, double atol);

} // namespace hwq

#endif // HWQ_EXECUTIONENGINE_COMPARE_H
