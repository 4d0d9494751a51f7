//===- OnnxFuzzer.cpp - fuzz the ONNX importer ---------------- -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// libFuzzer target for hwq::importOnnx. An input that parses as a ModelProto
// in protobuf text format (the seed corpus: small models, easy to mutate into
// other valid models) is serialized and imported; any other input is
// imported as binary ModelProto bytes. Checks: no crash; a failure reports at
// least one error; an imported module verifies.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "hwq/Import/Onnx.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <onnx/onnx_pb.h>

#include <cstddef>
#include <cstdint>
#include <string>

using namespace mlir;

namespace {
/// Drops protobuf's text-format parse errors (it logs them otherwise).
class SilentErrorCollector : public google::protobuf::io::ErrorCollector {
public:
  void AddError(int, google::protobuf::io::ColumnNumber,
                const std::string &) override {}
};
} // namespace

/// The serialized ModelProto an input stands for: the text-format model
/// re-serialized, or the input bytes themselves.
static std::string getModelBytes(const uint8_t *data, size_t size) {
  std::string input(reinterpret_cast<const char *>(data), size);
  onnx::ModelProto model;
  SilentErrorCollector errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  std::string bytes;
  if (parser.ParseFromString(input, &model) && model.SerializeToString(&bytes))
    return bytes;
  return input;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static hwq::fuzz::RecycledContext contexts([] {
    DialectRegistry registry;
    hwq::registerOnnxImportDialects(registry);
    auto context = std::make_unique<MLIRContext>(
        registry, MLIRContext::Threading::DISABLED);
    context->loadAllAvailableDialects();
    return context;
  });
  MLIRContext *context = contexts.next();
  std::string bytes = getModelBytes(data, size);

  hwq::fuzz::DiagnosticCounter diagnostics(context);
  OwningOpRef<ModuleOp> module = hwq::importOnnx(bytes, "fuzz.onnx", context);
  if (!module) {
    if (diagnostics.getErrors() == 0)
      hwq::fuzz::reportBug("importOnnx failed without an error");
    return 0;
  }
  if (failed(verify(*module)))
    hwq::fuzz::reportBug("importOnnx produced a module that does not verify");
  return 0;
}
