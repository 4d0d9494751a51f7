//===- PassFuzzer.cpp - fuzz hwq-opt pipelines on mutated MLIR --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// libFuzzer target for the hwq passes on MLIR text. The input is parsed with
// the dialects hwq's tests use (func, tosa, arith, tensor, quant, hwq) and
// verified; invalid IR must be rejected there. A module
// without `hwq.target` gets a small default target. Then every registered
// hwq pass (found at start-up, so that new passes are fuzzed without editing
// this file; hwq-attach-target, which reads a file, excepted) runs:
//  - alone on the parsed module, and
//  - after hwq-prepare and hwq-annotate, on their result,
// each on its own copy, with the pass manager's verifier off. A pass may fail
// with an error; it must not crash, fail without an error, or leave IR that
// does not verify.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Pipelines/Pipelines.h"
#include "hwq/Target/TargetDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

using namespace mlir;

/// Attached to modules that carry no target: s8 conv/matmul, u8 elementwise.
static const char kDefaultTarget[] = R"(name: fuzz-default
triple: x86_64-unknown-linux-gnu
cost: {clock_mhz: 2000, memory_bandwidth_gbps: 20}
ops:
  conv2d:
    per_channel: true
    alternatives: [{input: u8, weight: s8, accumulator: s32, output: u8}]
  depthwise_conv2d:
    per_channel: true
    alternatives: [{input: u8, weight: s8, accumulator: s32, output: u8}]
  matmul:
    alternatives: [{input: s8, weight: s8, accumulator: s32, output: s8}]
  add:
    alternatives: [{input: u8, accumulator: s32, output: u8}]
  clamp:
    alternatives: [{input: u8, accumulator: s32, output: u8}]
)";

/// The registered hwq passes, sorted, found through the pass pipeline
/// parser's command-line option: with an empty argument name, each pass
/// becomes a top-level option named after it.
static std::vector<std::string> getHwqPassNames() {
  hwq::registerHwqPasses();
  hwq::registerHwqPipelines(); // The conversion passes too.
  static PassPipelineCLParser pipelineParser("", "hwq passes");
  std::vector<std::string> names;
  for (const auto &option : llvm::cl::getRegisteredOptions()) {
    llvm::StringRef name = option.first;
    if (name.starts_with("hwq-") && name != "hwq-attach-target" &&
        PassInfo::lookup(name))
      names.push_back(name.str());
  }
  std::sort(names.begin(), names.end());
  if (!llvm::is_contained(names, "hwq-prepare") ||
      !llvm::is_contained(names, "hwq-annotate"))
    hwq::fuzz::reportBug("cannot enumerate the registered hwq passes");
  if (hwq::fuzz::DiagnosticCounter::verbose())
    for (const std::string &name : names)
      llvm::errs() << "hwq-fuzz-passes: fuzzing " << name << "\n";
  return names;
}

/// Runs `pipeline` on `module`; returns whether it succeeded. Checks the
/// contract: a failure comes with an error, a success leaves valid IR.
static bool runPipeline(MLIRContext *context, ModuleOp module,
                        llvm::StringRef pipeline) {
  PassManager pm(context, ModuleOp::getOperationName(),
                 OpPassManager::Nesting::Implicit);
  pm.enableVerifier(false);
  // Added pass by pass (not parsed as text) so that passes anchored on
  // func.func nest implicitly under the module.
  llvm::SmallVector<llvm::StringRef> names;
  pipeline.split(names, ',');
  for (llvm::StringRef name : names) {
    const PassInfo *info = PassInfo::lookup(name);
    if (!info ||
        failed(info->addToPipeline(pm, "", [](const llvm::Twine &message) {
          llvm::errs() << message << "\n";
          return failure();
        })))
      hwq::fuzz::reportBug("cannot build the pipeline '" + pipeline + "'");
  }
  hwq::fuzz::DiagnosticCounter diagnostics(context);
  if (failed(pm.run(module))) {
    if (diagnostics.getErrors() == 0)
      hwq::fuzz::reportBug("'" + pipeline + "' failed without an error");
    return false;
  }
  if (failed(verify(module)))
    hwq::fuzz::reportBug("'" + pipeline + "' left IR that does not verify");
  return true;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static hwq::fuzz::RecycledContext contexts([] {
    DialectRegistry registry;
    registry
        .insert<arith::ArithDialect, func::FuncDialect, quant::QuantDialect,
                tensor::TensorDialect, tosa::TosaDialect, hwq::HwqDialect>();
    auto context = std::make_unique<MLIRContext>(
        registry, MLIRContext::Threading::DISABLED);
    context->loadAllAvailableDialects();
    return context;
  });
  static const std::vector<std::string> passes = getHwqPassNames();
  MLIRContext *context = contexts.next();
  hwq::TargetAttr defaultTarget;
  {
    hwq::fuzz::DiagnosticCounter diagnostics(context);
    FailureOr<hwq::TargetAttr> target =
        hwq::parseTargetDescription(kDefaultTarget, "default.yaml", context);
    if (failed(target))
      hwq::fuzz::reportBug("the default target does not parse");
    defaultTarget = *target;
  }

  // MLIR's lexer relies on the NUL that files read through MemoryBuffer end
  // with; libFuzzer's buffer has none, so parse a copy.
  std::string text(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module;
  {
    // Rejecting is all that is checked here: MLIR 22's TOSA parser rejects
    // some malformed attribute dictionaries without an error (an upstream
    // issue, docs/Robustness.md), so a silent rejection is not reported.
    hwq::fuzz::DiagnosticCounter diagnostics(context);
    module =
        parseSourceString<ModuleOp>(text, ParserConfig(context), "fuzz.mlir");
    if (!module)
      return 0;
  }
  if (!(*module)->hasAttr(hwq::HwqDialect::getTargetAttrName()))
    (*module)->setAttr(hwq::HwqDialect::getTargetAttrName(), defaultTarget);

  // Every pass alone.
  for (const std::string &pass : passes) {
    OwningOpRef<ModuleOp> copy = module->clone();
    runPipeline(context, *copy, pass);
  }
  // The front of the flow, then every other pass on its result.
  if (!runPipeline(context, *module, "hwq-prepare,hwq-annotate"))
    return 0;
  for (const std::string &pass : passes) {
    if (pass == "hwq-prepare" || pass == "hwq-annotate")
      continue;
    OwningOpRef<ModuleOp> copy = module->clone();
    runPipeline(context, *copy, pass);
  }
  return 0;
}
