//===- Compare.cpp - compare engine outputs -------------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/ExecutionEngine/Compare.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace hwq;
using runtime::Tensor;

llvm::Expected<TensorComparison> hwq::compareTensors(const Tensor &actual,
                                                     const Tensor &expected,
                                                     double rtol, double atol) {
  if (actual.getKind() != expected.getKind() ||
      actual.getShape() != expected.getShape())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   llvm::formatv("got {0}, expected {1}",
                                                 actual.describe(),
                                                 expected.describe()));
  TensorComparison result;
  result.numElements = actual.getNumElements();
  bool isFloat = runtime::isFloatKind(actual.getKind());
  for (int64_t i = 0; i < result.numElements; ++i) {
    bool matches;
    double absError = 0, relError = 0;
    if (!isFloat) {
      int64_t a = actual.getInt(i), e = expected.getInt(i);
      matches = a == e;
      absError = std::fabs(static_cast<double>(a) - static_cast<double>(e));
      relError = e != 0 ? absError / std::fabs(static_cast<double>(e))
                        : (a != 0 ? INFINITY : 0);
    } else {
      double a = actual.getDouble(i), e = expected.getDouble(i);
      if (std::isnan(a) || std::isnan(e) || std::isinf(a) || std::isinf(e)) {
        matches = (std::isnan(a) && std::isnan(e)) || a == e;
        absError = relError = matches ? 0 : INFINITY;
      } else {
        absError = std::fabs(a - e);
        relError = e != 0 ? absError / std::fabs(e) : (a != 0 ? INFINITY : 0);
        matches = absError <= atol + rtol * std::fabs(e);
      }
    }
    result.maxAbsError = std::max(result.maxAbsError, absError);
    result.maxRelError = std::max(result.maxRelError, relError);
    if (!matches) {
      if (result.firstMismatch < 0)
        result.firstMismatch = i;
      ++result.numMismatches;
    }
  }
  return result;
}
