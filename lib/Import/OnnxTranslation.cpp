//===- OnnxTranslation.cpp - `--import-onnx` for mlir-translate -----------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/Onnx.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ManagedStatic.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace hwq;

namespace {
/// Command-line options of `--import-onnx`, registered with the translation
/// so that they show up in `hwq-translate --help`.
struct OnnxTranslationOptions {
  llvm::cl::opt<std::string> inputShape{
      "input-shape",
      llvm::cl::desc("Static shapes of the ONNX graph inputs, in order: "
                     "dimensions separated by 'x', inputs by ',' (e.g. "
                     "1x1x49x10); needed for dynamic dimensions"),
      llvm::cl::value_desc("shapes"), llvm::cl::init("")};
  llvm::cl::opt<std::string> functionName{
      "onnx-function-name",
      llvm::cl::desc("Name of the imported function (default: the graph "
                     "name, or 'main')"),
      llvm::cl::value_desc("name"), llvm::cl::init("")};
};
} // namespace

static llvm::ManagedStatic<OnnxTranslationOptions> translationOptions;

void hwq::registerOnnxImportTranslation() {
  *translationOptions; // Registers the options.
  static TranslateToMLIRRegistration registration(
      "import-onnx", "Import an ONNX model (.onnx) as float TOSA",
      [](const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID());
        StringRef name = buffer->getBufferIdentifier();
        OnnxImportOptions options;
        options.functionName = translationOptions->functionName;
        auto shapes = parseInputShapes(translationOptions->inputShape);
        if (!shapes) {
          emitError(UnknownLoc::get(context))
              << "--input-shape: " << llvm::toString(shapes.takeError());
          return nullptr;
        }
        options.inputShapes = std::move(*shapes);
        OwningOpRef<ModuleOp> module =
            importOnnx(buffer->getBuffer(), name, context, options);
        return OwningOpRef<Operation *>(module.release());
      },
      [](DialectRegistry &registry) { registerOnnxImportDialects(registry); });
}
