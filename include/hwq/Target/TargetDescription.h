//===- TargetDescription.h - target description files -----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Reading target description files (YAML; JSON is accepted as a subset) into
// #hwq.target attributes, and writing them back. The format is documented in
// docs/TargetDescription.md.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_TARGET_TARGETDESCRIPTION_H
#define HWQ_TARGET_TARGETDESCRIPTION_H

#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/Error.h"

#include <string>

namespace llvm {
class SourceMgr;
class raw_ostream;
} // namespace llvm

namespace hwq {

/// Parses the target description held in the main buffer of `sourceMgr`.
/// Every problem is reported through the context's diagnostic engine at a
/// `FileLineColLoc` of the offending node (`file:line:col: error: ...`),
/// YAML syntax errors included; returns failure after the first error.
/// Loads the hwq dialect into `context` if needed.
mlir::FailureOr<TargetAttr> parseTargetDescription(llvm::SourceMgr &sourceMgr,
                                                   mlir::MLIRContext *context);

/// Parses a target description held in memory; `bufferName` is the file name
/// that diagnostics show.
mlir::FailureOr<TargetAttr> parseTargetDescription(llvm::StringRef text,
                                                   llvm::StringRef bufferName,
                                                   mlir::MLIRContext *context);

/// Reads and parses the target description file at `path` ("-" is stdin).
mlir::FailureOr<TargetAttr>
parseTargetDescriptionFile(llvm::StringRef path, mlir::MLIRContext *context);

/// Writes `target` in the target description format, so that parsing the
/// output gives `target` back.
void printTargetDescription(TargetAttr target, llvm::raw_ostream &os);

/// Converts a data type spelling of the file format (`s8`, `u7`, `s32`, `f32`,
/// `f16`, `bf16`, `f64`) into a builtin type (`si8`, `ui7`, ..., `f32`).
/// `none` is accepted only when `allowNone` is set (weights of weight-less
/// operators). The error message says what is wrong with the spelling.
llvm::Expected<mlir::Type> parseDTypeSpelling(llvm::StringRef spelling,
                                              mlir::MLIRContext *context,
                                              bool allowNone = false);

/// The file-format spelling of a target data type (inverse of
/// parseDTypeSpelling); "none" for NoneType, the MLIR spelling for a type the
/// format cannot express.
std::string getDTypeSpelling(mlir::Type type);

} // namespace hwq

#endif // HWQ_TARGET_TARGETDESCRIPTION_H
