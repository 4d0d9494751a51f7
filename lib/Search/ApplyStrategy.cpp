//===- ApplyStrategy.cpp - apply and write strategies ----------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Reads a strategy file and applies it with hwq::applyStrategy
// (docs/Strategy.md). A file error becomes a diagnostic at the file's
// position when the JSON syntax is wrong, on the module otherwise.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Passes.h"
#include "hwq/Search/Strategy.h"

#include "mlir/IR/Location.h"

namespace hwq {
#define GEN_PASS_DEF_HWQAPPLYSTRATEGYPASS
#include "hwq/Search/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

namespace {
struct ApplyStrategyPass
    : public hwq::impl::HwqApplyStrategyPassBase<ApplyStrategyPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty()) {
      module.emitError("hwq-apply-strategy needs file=PATH");
      return signalPassFailure();
    }
    llvm::Expected<Strategy> strategy = readStrategyFile(file);
    if (!strategy) {
      module.emitError("hwq-apply-strategy: ")
          << llvm::toString(strategy.takeError());
      return signalPassFailure();
    }
    if (failed(applyStrategy(module, *strategy, remarks)))
      return signalPassFailure();
  }
};
} // namespace

namespace hwq {
#define GEN_PASS_DEF_HWQWRITESTRATEGYPASS
#include "hwq/Search/Passes.h.inc"
} // namespace hwq

namespace {
struct WriteStrategyPass
    : public hwq::impl::HwqWriteStrategyPassBase<WriteStrategyPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty()) {
      module.emitError("hwq-write-strategy needs file=PATH (or file=-)");
      return signalPassFailure();
    }
    FailureOr<Strategy> strategy = readStrategyFromModule(module);
    if (failed(strategy))
      return signalPassFailure();
    strategy->objective = objective;
    if (seed >= 0)
      strategy->seed = static_cast<uint64_t>(seed);
    if (file == "-") {
      writeStrategy(*strategy, llvm::outs());
      llvm::outs().flush();
    } else if (llvm::Error error = writeStrategyFile(*strategy, file)) {
      module.emitError("hwq-write-strategy: ")
          << llvm::toString(std::move(error));
      return signalPassFailure();
    }
    markAllAnalysesPreserved();
  }
};
} // namespace
