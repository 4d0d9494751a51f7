//===- hwq-translate.cpp - model importers and exporters --------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// An mlir-translate style driver holding hwq's translations: model files
// (ONNX, TFLite, ...) to float TOSA. Each importer registers itself with one call in
// registerHwqTranslations().
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/Onnx.h"
#include "hwq/Import/Tflite.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

/// Registers every hwq translation: add one line per importer.
static void registerHwqTranslations() {
  hwq::registerOnnxImportTranslation();   // --import-onnx
  hwq::registerTfliteImportTranslation(); // --import-tflite
}

int main(int argc, char **argv) {
  registerHwqTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "hwq model translation driver"));
}
