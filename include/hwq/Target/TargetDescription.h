//===- TargetDescription.h - target description files -----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Reading target description files (YAML; JSON is accepted as a subset) into
// #hwq.target attributes. The format is documented in
// docs/TargetDescription.md.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_TARGET_TARGETDESCRIPTION_H
#define HWQ_TARGET_TARGETDESCRIPTION_H

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LLVM.h"

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace hwq {

/// Parses the target description held in the main buffer of `sourceMgr`.
/// Every problem is reported through the context's diagnostic engine at a
/// `FileLineColLoc` of the offending node (`file:line:col: error: ...`);
/// returns failure after the first error.
mlir::FailureOr<TargetAttr>
parseTargetDescription(llvm::SourceMgr &sourceMgr, mlir::MLIRContext *context);

/// Reads and parses the target description file at `path`.
mlir::FailureOr<TargetAttr>
parseTargetDescriptionFile(llvm::StringRef path, mlir::MLIRContext *context);

} // namespace hwq

#endif // HWQ_TARGET_TARGETDESCRIPTION_H
