//===- TargetDescriptionFuzzer.cpp - fuzz target files -------- -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// libFuzzer target for hwq::parseTargetDescription on in-memory text (YAML or
// JSON). Checks: no crash; a failure reports at least one error; a success
// prints (printTargetDescription) to a file that parses back to the same
// #hwq.target attribute.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Target/TargetDescription.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static hwq::fuzz::RecycledContext contexts([] {
    auto context =
        std::make_unique<MLIRContext>(MLIRContext::Threading::DISABLED);
    context->loadDialect<hwq::HwqDialect>();
    return context;
  });
  MLIRContext *context = contexts.next();
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);

  hwq::fuzz::DiagnosticCounter diagnostics(context);
  FailureOr<hwq::TargetAttr> target =
      hwq::parseTargetDescription(text, "fuzz.yaml", context);
  if (failed(target)) {
    if (diagnostics.getErrors() == 0)
      hwq::fuzz::reportBug("parseTargetDescription failed without an error");
    return 0;
  }

  // The writer's output must read back to the same attribute.
  std::string printed;
  llvm::raw_string_ostream os(printed);
  hwq::printTargetDescription(*target, os);
  FailureOr<hwq::TargetAttr> reparsed =
      hwq::parseTargetDescription(printed, "printed.yaml", context);
  if (failed(reparsed))
    hwq::fuzz::reportBug("printTargetDescription output does not parse:\n" +
                         printed);
  if (*reparsed != *target)
    hwq::fuzz::reportBug("printTargetDescription output parses to another "
                         "target:\n" +
                         printed);
  return 0;
}
