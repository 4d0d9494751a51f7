//===- Annotate.h - hwq-annotate as a C++ API --------------------*- C++
//-*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The annotation of hwq-annotate (docs/Passes.md) as functions, so that a
// strategy (docs/Strategy.md) can force the dtype alternative of chosen ops
// and re-annotate a module.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_DIALECT_HWQ_TRANSFORMS_ANNOTATE_H
#define HWQ_DIALECT_HWQ_TRANSFORMS_ANNOTATE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringMap.h"

namespace hwq {

/// Options of annotateModule (the pass options of hwq-annotate, plus forced
/// alternatives).
struct AnnotateOptions {
  /// Quantize weights per output channel where the op rule allows it.
  bool perChannel = true;
  /// Remark on ops that stay float after a quantized producer.
  bool remarks = true;
  /// Node name (`hwq.node`, `n<K>`) -> index of the alternative the node
  /// must use. An integer alternative quantizes the node whatever the region
  /// rules say; a float one keeps it float. An index outside the rule is a
  /// located error. Names of nodes the module lacks are ignored here (the
  /// caller checks them).
  llvm::StringMap<int64_t> alternatives;
};

/// Annotates every function of `module` as hwq-annotate does: `hwq.node` on
/// every op with an operator kind, `hwq.kind` / `hwq.config` /
/// `hwq.alternative` on quantized ops, uncalibrated `hwq.sim_quantize` with
/// `hwq.role` and `hwq.edge` on every quantized edge. Needs `#hwq.target` on
/// the module; errors are located diagnostics.
mlir::LogicalResult annotateModule(mlir::ModuleOp module,
                                   const AnnotateOptions &options);

/// Undoes annotateModule on an uncalibrated module: replaces every
/// `hwq.sim_quantize` by its input and removes `hwq.kind`, `hwq.config`,
/// `hwq.alternative` and `hwq.node`. The caller checks that the module is
/// uncalibrated.
void removeAnnotations(mlir::ModuleOp module);

} // namespace hwq

#endif // HWQ_DIALECT_HWQ_TRANSFORMS_ANNOTATE_H
