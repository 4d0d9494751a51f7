//===- TfliteTranslation.cpp - `--import-tflite` for mlir-translate -------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/Onnx.h"
#include "hwq/Import/Tflite.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ManagedStatic.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace hwq;

namespace {
/// Command-line options of `--import-tflite`.
struct TfliteTranslationOptions {
  llvm::cl::opt<std::string> functionName{
      "tflite-function-name",
      llvm::cl::desc("Name of the function imported from a TFLite model "
                     "(default: the subgraph name, or 'main')"),
      llvm::cl::value_desc("name"), llvm::cl::init("")};
  llvm::cl::opt<bool> dequantizeActivations{
      "tflite-dequantize-activations",
      llvm::cl::desc("Import a fully quantized TFLite model as the float "
                     "graph it approximates (activation quantization "
                     "dropped, weights dequantized)"),
      llvm::cl::init(false)};
};
} // namespace

static llvm::ManagedStatic<TfliteTranslationOptions> translationOptions;

void hwq::registerTfliteImportTranslation() {
  *translationOptions; // Registers the options.
  static TranslateToMLIRRegistration registration(
      "import-tflite", "Import a TensorFlow Lite model (.tflite) as float TOSA",
      [](const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID());
        TfliteImportOptions options;
        options.functionName = translationOptions->functionName;
        options.dequantizeActivations =
            translationOptions->dequantizeActivations;
        OwningOpRef<ModuleOp> module =
            importTflite(buffer->getBuffer(), buffer->getBufferIdentifier(),
                         context, options);
        return OwningOpRef<Operation *>(module.release());
      },
      [](DialectRegistry &registry) { registerOnnxImportDialects(registry); });
}
