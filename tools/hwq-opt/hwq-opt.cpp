//===- hwq-opt.cpp - the hwq optimizer driver -------------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// An mlir-opt style driver: every upstream dialect and pass, plus the hwq
// dialect and passes. `--hwq-target=FILE` attaches a target description to
// the module before the requested pipeline runs; `--hwq-strategy=FILE` then
// annotates it with a strategy's choices.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/ARM/Pipeline.h"
#include "hwq/Codegen/NVIDIA/Passes.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Pipelines/Pipelines.h"
#include "hwq/Search/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

static llvm::cl::OptionCategory hwqCategory("hwq options");

static llvm::cl::opt<std::string> targetFile(
    "hwq-target",
    llvm::cl::desc("Target description file (YAML/JSON) to attach to the "
                   "module as #hwq.target before the pipeline runs"),
    llvm::cl::value_desc("file"), llvm::cl::init(""),
    llvm::cl::cat(hwqCategory));

static llvm::cl::opt<std::string> strategyFile(
    "hwq-strategy",
    llvm::cl::desc("Strategy file (JSON, docs/Strategy.md) to apply before "
                   "the pipeline runs (after --hwq-target): annotates the "
                   "module with its choices (hwq-apply-strategy)"),
    llvm::cl::value_desc("file"), llvm::cl::init(""),
    llvm::cl::cat(hwqCategory));

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<hwq::HwqDialect>();
  registerAllPasses();
  hwq::registerHwqPasses();
  hwq::registerHwqSearchPasses();
  hwq::registerHwqPipelines();
  hwq::arm::registerArmCodegenPasses();
  hwq::nvidia::registerNvidiaPasses();

  auto [inputFilename, outputFilename] = registerAndParseCLIOptions(
      argc, argv, "hwq optimizer driver: hardware-aware quantization passes",
      registry);

  MlirOptMainConfig config = MlirOptMainConfig::createFromCLOptions();
  if (!targetFile.empty() || !strategyFile.empty()) {
    // Run hwq-attach-target and hwq-apply-strategy first, then whatever
    // pipeline the user asked for.
    MlirOptMainConfig userConfig = config;
    std::string target = targetFile;
    std::string strategy = strategyFile;
    config.setPassPipelineSetupFn(
        [userConfig, target, strategy](PassManager &pm) {
          if (!target.empty()) {
            hwq::HwqAttachTargetPassOptions options;
            options.file = target;
            pm.addPass(hwq::createHwqAttachTargetPass(options));
          }
          if (!strategy.empty()) {
            hwq::HwqApplyStrategyPassOptions options;
            options.file = strategy;
            pm.addPass(hwq::createHwqApplyStrategyPass(options));
          }
          return userConfig.setupPassPipeline(pm);
        });
  }

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      openInputFile(inputFilename, &errorMessage);
  if (!input) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFilename, &errorMessage);
  if (!output) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  if (failed(MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  output->keep();
  return 0;
}
