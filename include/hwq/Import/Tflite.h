//===- Tflite.h - TensorFlow Lite model importer ----------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Imports a TensorFlow Lite flatbuffer (schema version 3, the operator subset
// listed in docs/Import.md) into a module holding one func.func in float
// TOSA. TFLite is NHWC already, so the function keeps the model's signature
// and layout; convolution weights are OHWI as TOSA wants them. Weights
// stored as int8/uint8 with a scale and zero point (per tensor or per axis)
// are dequantized to f32 constants at import time. Errors are reported as
// diagnostics on the context; every file is checked with the flatbuffers
// verifier before it is read, so a corrupted or truncated file gives one
// error, never a crash.
//
// This header does not expose flatbuffers types: callers pass bytes.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_IMPORT_TFLITE_H
#define HWQ_IMPORT_TFLITE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace hwq {

/// Options of the TFLite importer.
struct TfliteImportOptions {
  /// Name of the imported function; empty means the subgraph's name, or
  /// `main` when it has none.
  std::string functionName;
  /// Import a fully quantized model (int8/uint8/int16 activations with
  /// scales) as the float graph it approximates: activations carry real
  /// values (the function takes and returns them), QUANTIZE/DEQUANTIZE of
  /// activations vanish, weights and biases are dequantized. Off: such
  /// models are rejected.
  bool dequantizeActivations = false;
};

/// Imports the TFLite flatbuffer in `bytes` (its first subgraph).
/// `sourceName` names the model in diagnostics and locations (usually its
/// path). Returns null after emitting diagnostics on `context` when the
/// model cannot be imported.
mlir::OwningOpRef<mlir::ModuleOp>
importTflite(llvm::StringRef bytes, llvm::StringRef sourceName,
             mlir::MLIRContext *context,
             const TfliteImportOptions &options = {});

/// Reads and imports the TFLite model at `path`.
mlir::OwningOpRef<mlir::ModuleOp>
importTfliteFile(llvm::StringRef path, mlir::MLIRContext *context,
                 const TfliteImportOptions &options = {});

/// The name of TFLite builtin operator `code` (e.g. "CONV_2D"), or an empty
/// string for a code this importer does not know.
llvm::StringRef getTfliteBuiltinName(int32_t code);

/// Registers `--import-tflite` (with its `--tflite-function-name` option) as
/// an mlir-translate translation.
void registerTfliteImportTranslation();

} // namespace hwq

#endif // HWQ_IMPORT_TFLITE_H
