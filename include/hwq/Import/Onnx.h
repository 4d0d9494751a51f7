//===- Onnx.h - ONNX model importer -----------------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Imports an ONNX model (opsets 7 to 17, the operator subset listed in
// docs/Import.md) into a module holding one func.func in float TOSA. The
// function keeps the signature the model declares (NCHW for images); inside,
// rank-4 activations are kept NHWC, as TOSA requires, and weights are
// converted to TOSA layouts at import time. Errors are reported as
// diagnostics on the context; the importer never asserts on bad input.
//
// This header does not expose protobuf types: callers pass serialized bytes.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_IMPORT_ONNX_H
#define HWQ_IMPORT_ONNX_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace hwq {

/// Options of the ONNX importer.
struct OnnxImportOptions {
  /// Name of the imported function; empty means the graph's name, or `main`
  /// when the graph has none.
  std::string functionName;
  /// Static shapes for the graph inputs (in the order the graph declares its
  /// non-initializer inputs). An empty entry keeps the declared shape. Needed
  /// when a model declares dynamic or unknown dimensions.
  llvm::SmallVector<llvm::SmallVector<int64_t, 4>> inputShapes;
};

/// Parses an `--input-shape` value: shapes separated by ',', dimensions by
/// 'x' (e.g. `1x1x49x10` or `1x3x224x224,1x10`). An empty string gives no
/// shapes.
llvm::Expected<llvm::SmallVector<llvm::SmallVector<int64_t, 4>>>
parseInputShapes(llvm::StringRef text);

/// Registers the dialects an imported module uses (func, tosa).
void registerOnnxImportDialects(mlir::DialectRegistry &registry);

/// Imports the serialized ONNX ModelProto in `bytes`. `sourceName` names the
/// model in diagnostics and locations (usually its path). Returns null after
/// emitting diagnostics on `context` when the model cannot be imported.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnx(llvm::StringRef bytes, llvm::StringRef sourceName,
           mlir::MLIRContext *context, const OnnxImportOptions &options = {});

/// Reads and imports the ONNX model at `path`.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxFile(llvm::StringRef path, mlir::MLIRContext *context,
               const OnnxImportOptions &options = {});

/// Registers `--import-onnx` (with its `--input-shape` and
/// `--onnx-function-name` options) as an mlir-translate translation.
void registerOnnxImportTranslation();

} // namespace hwq

#endif // HWQ_IMPORT_ONNX_H
