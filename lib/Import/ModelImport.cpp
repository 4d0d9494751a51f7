//===- ModelImport.cpp - import a model file by its extension -------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/ModelImport.h"

#include "hwq/Import/Onnx.h"
#include "hwq/Import/Tflite.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/Path.h"

using namespace mlir;

/// The lower-case extension of `path` without the dot.
static std::string lowerExtension(llvm::StringRef path) {
  return llvm::sys::path::extension(path).drop_front().lower();
}

bool hwq::isImportableModelFile(llvm::StringRef path) {
  std::string ext = lowerExtension(path);
  return ext == "onnx" || ext == "tflite";
}

OwningOpRef<ModuleOp> hwq::importModelFile(llvm::StringRef path,
                                           MLIRContext *context) {
  std::string ext = lowerExtension(path);
  if (ext == "onnx")
    return importOnnxFile(path, context);
  if (ext == "tflite")
    return importTfliteFile(path, context);
  emitError(FileLineColLoc::get(context, path, 0, 0))
      << "cannot import '" << path
      << "': unknown model file extension (expected .onnx or .tflite)";
  return nullptr;
}

void hwq::registerModelImportDialects(DialectRegistry &registry) {
  registerOnnxImportDialects(registry);
}
