//===- NumericsHarness.h - simulated vs realized graphs ---------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The numerics contract harness: a float TOSA graph goes through
// hwq-annotate, a max calibration computed here with HWQCalibration and the
// reference evaluator, hwq-exact-sim and hwq-realize; then the simulated and
// the realized graphs are evaluated on the same random inputs and compared
// element by element.
//
//===----------------------------------------------------------------------===//

#ifndef TEST_UNIT_NUMERICS_NUMERICSHARNESS_H
#define TEST_UNIT_NUMERICS_NUMERICSHARNESS_H

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Runtime/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace hwq {
namespace test {

/// How a shipped target is modified in memory before annotation.
struct QuantizationVariant {
  /// Bits of every integer activation (input / output) dtype; 0 keeps the
  /// target's.
  unsigned activationBits = 0;
  /// Bits of every integer weight dtype; 0 keeps the target's.
  unsigned weightBits = 0;
  /// hwq-annotate's per-channel option.
  bool perChannel = true;
};

/// Reads the target description at `path`, rewrites the widths of its integer
/// input / output / weight dtypes as `variant` says, and parses it.
llvm::Expected<TargetAttr> loadTargetVariant(llvm::StringRef path,
                                             const QuantizationVariant &variant,
                                             mlir::MLIRContext *context);

/// A graph after the pipeline: the exact simulated module and its
/// realization, both with the function @main.
struct PreparedGraph {
  mlir::OwningOpRef<mlir::ModuleOp> simulated;
  mlir::OwningOpRef<mlir::ModuleOp> realized;
};

/// Parses `graph`, attaches `target`, runs hwq-annotate, calibrates every
/// sim_quantize (max of |x| or [min, max] over `calibrationRuns` random
/// inputs, per the target's scheme), then hwq-exact-sim and (on a copy)
/// hwq-realize. Any error or warning diagnostic makes it fail with the
/// diagnostics as message.
llvm::Expected<PreparedGraph> prepareGraph(llvm::StringRef graph,
                                           TargetAttr target,
                                           const QuantizationVariant &variant,
                                           mlir::MLIRContext *context,
                                           unsigned calibrationRuns = 4);

/// Random f32 inputs for @main of `module`, uniform in [lo, hi), from `seed`.
std::vector<runtime::Tensor>
makeRandomInputs(mlir::ModuleOp module, uint64_t seed, double lo, double hi);

/// Evaluates @main of `module` with the reference evaluator.
llvm::Expected<std::vector<runtime::Tensor>>
runReference(mlir::ModuleOp module, llvm::ArrayRef<runtime::Tensor> inputs);

/// The number of elements (over all results) whose values differ; kinds and
/// shapes must agree (a mismatch there counts every element). `firstDiff`
/// receives a description of the first difference.
size_t countDifferences(llvm::ArrayRef<runtime::Tensor> expected,
                        llvm::ArrayRef<runtime::Tensor> actual,
                        std::string *firstDiff = nullptr);

/// Changes one element of the first quantized weight constant of the
/// realized `module` by a large step (within its clip range). Returns false
/// when the module has no such constant.
bool perturbRealizedWeight(mlir::ModuleOp module);

} // namespace test
} // namespace hwq

#endif // TEST_UNIT_NUMERICS_NUMERICSHARNESS_H
