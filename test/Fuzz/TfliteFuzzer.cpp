//===- TfliteFuzzer.cpp - fuzz the TFLite importer --------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// libFuzzer target for hwq::importTflite. The input is the flatbuffer itself
// (seeds: the models of test/Import/tflite, built by hwq-make-tflite); its
// size's parity chooses whether fully quantized models are imported with
// dequantized activations, so both paths are fuzzed. Checks: no crash (the
// flatbuffers verifier must stop every out-of-bounds read); a failure
// reports at least one error; an imported module verifies.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "hwq/Import/ModelImport.h"
#include "hwq/Import/Tflite.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static hwq::fuzz::RecycledContext contexts([] {
    DialectRegistry registry;
    hwq::registerModelImportDialects(registry);
    auto context = std::make_unique<MLIRContext>(
        registry, MLIRContext::Threading::DISABLED);
    context->loadAllAvailableDialects();
    return context;
  });
  MLIRContext *context = contexts.next();
  hwq::TfliteImportOptions options;
  options.dequantizeActivations = size % 2 == 1;

  hwq::fuzz::DiagnosticCounter diagnostics(context);
  OwningOpRef<ModuleOp> module = hwq::importTflite(
      llvm::StringRef(reinterpret_cast<const char *>(data), size),
      "fuzz.tflite", context, options);
  if (!module) {
    if (diagnostics.getErrors() == 0)
      hwq::fuzz::reportBug("importTflite failed without an error");
    return 0;
  }
  if (failed(verify(*module)))
    hwq::fuzz::reportBug("importTflite produced a module that does not verify");
  return 0;
}
