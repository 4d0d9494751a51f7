//===- ModelImport.h - import a model file by its extension -----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// One entry point for the tools that accept model files wherever they accept
// MLIR: `.onnx` goes to the ONNX importer, `.tflite` to the TFLite importer,
// both with their default options (the function is named after the graph or
// subgraph, or `main`).
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_IMPORT_MODELIMPORT_H
#define HWQ_IMPORT_MODELIMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace hwq {

/// Whether `path` names a model file that importModelFile() imports (by its
/// extension, case-insensitive: .onnx, .tflite).
bool isImportableModelFile(llvm::StringRef path);

/// Imports the model file at `path` into float TOSA, choosing the importer
/// by the extension. Returns null after emitting diagnostics on `context`
/// (also for an extension no importer handles).
mlir::OwningOpRef<mlir::ModuleOp> importModelFile(llvm::StringRef path,
                                                  mlir::MLIRContext *context);

/// Registers the dialects imported modules use (func, tosa).
void registerModelImportDialects(mlir::DialectRegistry &registry);

} // namespace hwq

#endif // HWQ_IMPORT_MODELIMPORT_H
