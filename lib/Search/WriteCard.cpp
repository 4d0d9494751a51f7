//===- WriteCard.cpp - the hwq-write-card pass ------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Card.h"
#include "hwq/Search/Passes.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace hwq {
#define GEN_PASS_DEF_HWQWRITECARDPASS
#include "hwq/Search/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

/// Writes `text` produced by `write` to `path` ("-" is stdout).
template <typename Fn>
static LogicalResult writeFile(ModuleOp module, StringRef path, Fn write) {
  if (path == "-") {
    write(llvm::outs());
    llvm::outs().flush();
    return success();
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return module.emitError("hwq-write-card: cannot write '")
           << path << "': " << ec.message();
  write(os);
  return success();
}

namespace {
struct WriteCardPass : public hwq::impl::HwqWriteCardPassBase<WriteCardPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (json.empty() && markdown.empty()) {
      module.emitError("hwq-write-card needs json=FILE and/or markdown=FILE");
      return signalPassFailure();
    }
    CardOptions options;
    options.model = model;
    options.data = data;
    options.range = range;
    options.function = function;
    options.method = method;
    options.weightMethod = weightMethod;
    if (!strategy.empty()) {
      llvm::Expected<Strategy> loaded = readStrategyFile(strategy);
      if (!loaded) {
        module.emitError("hwq-write-card: ")
            << llvm::toString(loaded.takeError());
        return signalPassFailure();
      }
      options.strategy = std::move(*loaded);
    }
    if (!pareto.empty()) {
      llvm::Expected<std::vector<ParetoPoint>> points = readParetoFile(pareto);
      if (!points) {
        module.emitError("hwq-write-card: ")
            << llvm::toString(points.takeError());
        return signalPassFailure();
      }
      options.pareto = std::move(*points);
    }
    FailureOr<Card> card = buildCard(module, options);
    if (failed(card))
      return signalPassFailure();
    CalibrationInfo &calibration = card->strategy.calibration;
    if (calibration.method.empty())
      calibration.method = method;
    if (calibration.weightMethod.empty())
      calibration.weightMethod = weightMethod;
    if (!json.empty() &&
        failed(writeFile(module, json, [&](llvm::raw_ostream &os) {
          writeCardJson(*card, os);
        })))
      return signalPassFailure();
    if (!markdown.empty() &&
        failed(writeFile(module, markdown, [&](llvm::raw_ostream &os) {
          writeCardMarkdown(*card, os);
        })))
      return signalPassFailure();
    markAllAnalysesPreserved();
  }
};
} // namespace
