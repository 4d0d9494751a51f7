//===- CompileDriver.cpp - the one-command compile pipeline ---------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Driver/CompileDriver.h"

#include "hwq/Codegen/ARM/Pipeline.h"
#include "hwq/Codegen/NVIDIA/Passes.h"
#include "hwq/Dialect/Hwq/IR/HwqAttrs.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Driver/HostArtifacts.h"
#include "hwq/ExecutionEngine/JitEngine.h"
#include "hwq/Import/ModelImport.h"
#include "hwq/Import/Onnx.h"
#include "hwq/Pipelines/Pipelines.h"
#include "hwq/Runtime/Dataset.h"
#include "hwq/Search/Card.h"
#include "hwq/Search/Passes.h"
#include "hwq/Search/Strategy.h"
#include "hwq/Tools/ToolSupport.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>
#include <chrono>

using namespace mlir;
using namespace hwq;
using namespace hwq::driver;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

//===----------------------------------------------------------------------===//
// Import and target lookup
//===----------------------------------------------------------------------===//

llvm::Expected<ModelFormat> driver::getModelFormat(llvm::StringRef path) {
  llvm::StringRef ext = llvm::sys::path::extension(path);
  if (ext.equals_insensitive(".onnx"))
    return ModelFormat::Onnx;
  if (ext.equals_insensitive(".tflite"))
    return ModelFormat::TFLite;
  if (ext.equals_insensitive(".mlir"))
    return ModelFormat::Mlir;
  return makeError(path + ": unknown model format '" + ext +
                   "' (expected .onnx, .tflite or .mlir)");
}

llvm::StringRef driver::getModelFormatName(ModelFormat format) {
  switch (format) {
  case ModelFormat::Onnx:
    return "onnx";
  case ModelFormat::TFLite:
    return "tflite";
  case ModelFormat::Mlir:
    return "mlir";
  }
  return "";
}

OwningOpRef<ModuleOp> driver::importModelFile(llvm::StringRef path,
                                              MLIRContext *context,
                                              llvm::StringRef inputShapes) {
  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  llvm::Expected<ModelFormat> format = getModelFormat(path);
  if (!format) {
    emitError(fileLoc) << llvm::toString(format.takeError());
    return nullptr;
  }
  if (!llvm::sys::fs::exists(path)) {
    emitError(fileLoc) << "cannot open model file '" << path
                       << "': no such file";
    return nullptr;
  }
  switch (*format) {
  case ModelFormat::Onnx: {
    OnnxImportOptions options;
    llvm::Expected<llvm::SmallVector<llvm::SmallVector<int64_t, 4>>> shapes =
        parseInputShapes(inputShapes);
    if (!shapes) {
      emitError(fileLoc) << llvm::toString(shapes.takeError());
      return nullptr;
    }
    options.inputShapes = std::move(*shapes);
    return importOnnxFile(path, context, options);
  }
  case ModelFormat::TFLite:
    if (!inputShapes.empty()) {
      emitError(fileLoc) << "--input-shape applies to ONNX models only";
      return nullptr;
    }
    return hwq::importModelFile(path, context);
  case ModelFormat::Mlir:
    return parseSourceFile<ModuleOp>(path, context);
  }
  return nullptr;
}

llvm::Expected<std::string>
driver::resolveTargetFile(llvm::StringRef nameOrFile,
                          llvm::StringRef executable) {
  if (llvm::sys::fs::is_regular_file(nameOrFile))
    return nameOrFile.str();
  bool looksLikePath = nameOrFile.contains('/') ||
                       nameOrFile.ends_with(".yaml") ||
                       nameOrFile.ends_with(".json");
  if (looksLikePath)
    return makeError("target file '" + nameOrFile + "' does not exist");
  llvm::SmallVector<std::string> folders;
  if (!executable.empty()) {
    // <prefix>/bin/hwq-compile -> <prefix>/share/hwq/targets.
    llvm::SmallString<256> folder(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(executable)));
    llvm::sys::path::append(folder, "share", "hwq", "targets");
    folders.push_back(folder.str().str());
  }
#ifdef HWQ_SOURCE_TARGETS_DIR
  folders.push_back(HWQ_SOURCE_TARGETS_DIR);
#endif
  for (const std::string &folder : folders)
    for (const char *ext : {".yaml", ".json"}) {
      llvm::SmallString<256> file(folder);
      llvm::sys::path::append(file, nameOrFile + ext);
      if (llvm::sys::fs::is_regular_file(file))
        return file.str().str();
    }
  return makeError("unknown target '" + nameOrFile +
                   "': neither a file nor a shipped target (looked for " +
                   nameOrFile + ".yaml/.json in " + llvm::join(folders, ", ") +
                   ")");
}

//===----------------------------------------------------------------------===//
// CompileDriver
//===----------------------------------------------------------------------===//

/// The state the stages share beyond the modules.
struct CompileDriver::Impl {
  std::string targetFile;
  /// The function's name in the modules (the same in float and quantized).
  std::string functionName;
  /// The C names: hwq_<quantName>_run and hwq_<floatName>_run.
  std::string quantName;
  std::string floatName;
  /// Input signature of the float function (what data must fit).
  std::vector<runtime::InputSignature> inputs;
  /// The evaluation and calibration dataset specs (labels appended).
  std::string evalSpec;
  std::string calibSpec;
  /// Inputs used for timing (the first evaluation or calibration sample,
  /// else zeros).
  std::vector<runtime::Tensor> timingInputs;
  /// Absolute paths of the shared libraries, when written.
  std::string quantLibrary;
  std::string floatLibrary;
  /// The card of the calibrated module (scheme per tensor), completed with
  /// the evaluation and latency figures by writeCard.
  std::optional<Card> card;
};

CompileDriver::CompileDriver(MLIRContext &context, CompileOptions options)
    : context(context), options(std::move(options)),
      impl(std::make_unique<Impl>()) {}

CompileDriver::~CompileDriver() = default;

void CompileDriver::registerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<hwq::HwqDialect>();
  registerOnnxImportDialects(registry);
  registerModelImportDialects(registry);
  registerHostLoweringDialects(registry);
  arm::registerArmCodegenDialects(registry);
}

LogicalResult CompileDriver::fail(const llvm::Twine &message) {
  emitError(UnknownLoc::get(&context)) << message;
  return failure();
}

LogicalResult CompileDriver::runPass(std::unique_ptr<Pass> pass,
                                     llvm::StringRef stage) {
  PassManager pm(&context);
  pm.addPass(std::move(pass));
  if (failed(pm.run(*module)))
    return failure();
  (void)stage;
  return success();
}

LogicalResult CompileDriver::run() {
  using Stage = LogicalResult (CompileDriver::*)();
  const std::pair<const char *, Stage> stages[] = {
      {"import", &CompileDriver::importModel},
      {"attach-target", &CompileDriver::attachTarget},
      {"prepare", &CompileDriver::prepare},
      {"annotate", &CompileDriver::annotate},
      {"check-data", &CompileDriver::checkData},
      {"apply-strategy", &CompileDriver::applyStrategy},
      {"search", &CompileDriver::search},
      {"calibrate", &CompileDriver::calibrate},
      {"write-strategy", &CompileDriver::writeStrategy},
      {"realize", &CompileDriver::realize},
      {"emit", &CompileDriver::emitArtifacts},
      {"evaluate", &CompileDriver::evaluate},
      {"latency", &CompileDriver::measureLatency},
      {"card", &CompileDriver::writeCard},
      {"report", &CompileDriver::writeReport},
  };
  for (const auto &[name, stage] : stages) {
    auto start = std::chrono::steady_clock::now();
    if (failed((this->*stage)()))
      return failure();
    report.stageSeconds.emplace_back(name, secondsSince(start));
  }
  return success();
}

LogicalResult CompileDriver::importModel() {
  llvm::Expected<ModelFormat> format = getModelFormat(options.modelPath);
  if (!format) {
    emitError(FileLineColLoc::get(&context, options.modelPath, 0, 0))
        << llvm::toString(format.takeError());
    return failure();
  }
  report.modelFormat = getModelFormatName(*format).str();
  floatModule =
      importModelFile(options.modelPath, &context, options.inputShapes);
  if (!floatModule)
    return failure();
  llvm::Expected<func::FuncOp> func =
      tools::selectEntryFunction(*floatModule, options.functionName);
  if (!func)
    return fail(options.modelPath + ": " + llvm::toString(func.takeError()));
  impl->functionName = func->getSymName().str();
  report.functionName = impl->functionName;
  std::string name = toCIdentifier(
      options.modelName.empty() ? impl->functionName : options.modelName);
  impl->quantName = name;
  impl->floatName = name + "_float";
  report.modelName = name;
  bool quantized = false;
  floatModule->walk([&](Operation *op) {
    if (op->getDialect() && op->getDialect()->getNamespace() == "hwq")
      quantized = true;
  });
  if (quantized)
    return fail(options.modelPath +
                ": the model already holds hwq ops; hwq-compile MODEL takes "
                "a float model (use --emit=... to compile a quantized .mlir)");
  FailureOr<HostFunctionSignature> signature = getHostFunctionSignature(*func);
  if (failed(signature))
    return failure();
  for (const HostTensorSignature &input : signature->inputs) {
    runtime::InputSignature entry;
    entry.kind = input.kind;
    entry.shape.assign(input.shape.begin(), input.shape.end());
    impl->inputs.push_back(std::move(entry));
  }
  module = OwningOpRef<ModuleOp>(floatModule->clone());
  return success();
}

LogicalResult CompileDriver::attachTarget() {
  llvm::Expected<std::string> file =
      resolveTargetFile(options.target, options.executable);
  if (!file)
    return fail(llvm::toString(file.takeError()));
  impl->targetFile = *file;
  report.targetFile = *file;
  HwqAttachTargetPassOptions attach;
  attach.file = *file;
  if (failed(runPass(createHwqAttachTargetPass(attach), "attach-target")))
    return failure();
  auto target =
      (*module)->getAttrOfType<TargetAttr>(HwqDialect::getTargetAttrName());
  if (!target)
    return fail("target file '" + *file + "' gave no #hwq.target");
  report.targetName = target.getName().str();
  report.targetTriple = target.getTriple().str();
  report.hostTriple = llvm::sys::getProcessTriple();
  llvm::Triple targetTriple(report.targetTriple), host(report.hostTriple);
  report.runnableHere = targetTriple.getArch() == host.getArch() &&
                        (targetTriple.getOS() == host.getOS() ||
                         targetTriple.getOS() == llvm::Triple::UnknownOS);
  return success();
}

LogicalResult CompileDriver::prepare() {
  return runPass(createHwqPreparePass(), "prepare");
}

LogicalResult CompileDriver::annotate() {
  HwqAnnotatePassOptions annotate;
  annotate.remarks = false;
  return runPass(createHwqAnnotatePass(annotate), "annotate");
}

/// Opens `spec`, parses `rangeText` against it and checks that its first
/// sample in the range fits `inputs`. `what` names the data in messages.
static llvm::Expected<runtime::Dataset> openAndCheck(
    llvm::StringRef what, llvm::StringRef spec, llvm::StringRef rangeText,
    llvm::ArrayRef<runtime::InputSignature> inputs, runtime::SampleRange &range,
    std::vector<runtime::Tensor> *firstInputs) {
  auto wrap = [&](llvm::Error error) {
    return makeError(what + " '" + spec +
                     "': " + llvm::toString(std::move(error)));
  };
  llvm::Expected<runtime::Dataset> dataset = runtime::Dataset::open(spec);
  if (!dataset)
    return makeError(what + ": " + llvm::toString(dataset.takeError()));
  llvm::Expected<runtime::SampleRange> parsed =
      runtime::parseSampleRange(rangeText, dataset->size());
  if (!parsed)
    return wrap(parsed.takeError());
  range = *parsed;
  llvm::Expected<runtime::Sample> sample = dataset->getSample(range.begin);
  if (!sample)
    return wrap(sample.takeError());
  if (llvm::Error error = runtime::conformSample(*sample, inputs))
    return wrap(std::move(error));
  if (firstInputs && firstInputs->empty())
    *firstInputs = std::move(sample->inputs);
  return std::move(*dataset);
}

LogicalResult CompileDriver::checkData() {
  impl->calibSpec = options.calibData;
  impl->evalSpec = options.evalData;
  if (!options.labelsFile.empty()) {
    if (options.evalData.empty())
      return fail("--labels needs --eval (the labels are the evaluation "
                  "data's)");
    llvm::SmallString<256> labels(options.labelsFile);
    if (std::error_code ec = llvm::sys::fs::make_absolute(labels))
      return fail("cannot resolve '" + options.labelsFile +
                  "': " + ec.message());
    if (!llvm::sys::fs::exists(labels))
      return fail("label file '" + options.labelsFile + "' does not exist");
    if (llvm::StringRef(labels).contains(':'))
      return fail("label file path '" + labels + "' contains ':'");
    impl->evalSpec += ":labels=" + labels.str().str();
  }
  if (impl->calibSpec.empty()) {
    if (impl->evalSpec.empty())
      return fail("no calibration data: give --calib DATA (and --eval DATA "
                  "to measure accuracy)");
    impl->calibSpec = impl->evalSpec;
    llvm::errs() << "hwq-compile: warning: no --calib: calibrating on the "
                    "evaluation data (accuracy figures are then optimistic)\n";
  }
  runtime::SampleRange range;
  if (!impl->evalSpec.empty()) {
    llvm::Expected<runtime::Dataset> eval =
        openAndCheck("evaluation data", impl->evalSpec, options.evalRange,
                     impl->inputs, range, &impl->timingInputs);
    if (!eval)
      return fail(llvm::toString(eval.takeError()));
    report.evalDescription = eval->describe();
    report.evalRange = llvm::formatv("{0}:{1}", range.begin, range.end).str();
    report.evalSamples = range.size();
    report.labelled = eval->hasLabels();
  }
  llvm::Expected<runtime::Dataset> calib =
      openAndCheck("calibration data", impl->calibSpec, options.calibRange,
                   impl->inputs, range, &impl->timingInputs);
  if (!calib)
    return fail(llvm::toString(calib.takeError()));
  report.calibDescription = calib->describe();
  report.calibRange = llvm::formatv("{0}:{1}", range.begin, range.end).str();
  report.calibSamples = range.size();
  return success();
}

LogicalResult CompileDriver::applyStrategy() {
  if (options.strategyFile.empty())
    return success();
  if (!options.search.empty())
    return fail("--strategy and --search exclude each other (--strategy "
                "replays what a search chose)");
  HwqApplyStrategyPassOptions apply;
  apply.file = options.strategyFile;
  if (failed(runPass(createHwqApplyStrategyPass(apply), "apply-strategy")))
    return failure();
  report.strategyFile = options.strategyFile;
  return success();
}

std::string CompileDriver::outputPath(llvm::StringRef file) const {
  llvm::SmallString<256> full(options.outputDir);
  llvm::sys::path::append(full, file);
  return full.str().str();
}

LogicalResult CompileDriver::createOutputDir() {
  if (std::error_code ec = llvm::sys::fs::create_directories(options.outputDir))
    return fail("cannot create the output folder '" + options.outputDir +
                "': " + ec.message());
  return success();
}

LogicalResult CompileDriver::search() {
  if (options.search.empty())
    return success();
  if (!llvm::is_contained({"greedy", "random", "noise", "lagrangian"},
                          options.search))
    return fail("--search='" + options.search +
                "': expected greedy, random, noise or lagrangian");
  if (failed(createOutputDir()))
    return failure();
  HwqSearchPassOptions search;
  search.data = impl->calibSpec;
  search.range = options.calibRange;
  search.function = impl->functionName;
  if (!options.calibLabels.empty()) {
    llvm::SmallString<256> labels(options.calibLabels);
    if (std::error_code ec = llvm::sys::fs::make_absolute(labels))
      return fail("cannot resolve '" + options.calibLabels +
                  "': " + ec.message());
    if (!llvm::sys::fs::exists(labels))
      return fail("label file '" + options.calibLabels + "' does not exist");
    search.labels = labels.str().str();
  }
  search.objective = options.objective;
  search.strategy = options.search;
  search.seed = options.seed;
  search.threads = options.threads;
  search.maxDrop = options.maxDrop;
  search.sizeBudget = options.sizeBudget;
  search.latencyBudget = options.latencyBudget;
  search.method = options.method;
  search.weightMethod = options.weightMethod;
  search.percentile = options.percentile;
  search.bins = options.bins;
  // The statistics as hwq-calibrate collects them below (engine=jit), so
  // that replaying strategy.json with --strategy gives the same model.
  search.engine = "jit";
  search.strategyOut = outputPath("strategy.json");
  search.paretoOut = outputPath("pareto.json");
  search.progress = options.progress;
  if (options.progress)
    llvm::errs() << "hwq-compile: searching (" << options.search << ", "
                 << options.objective << ") on " << report.calibSamples
                 << " samples\n";
  if (failed(runPass(createHwqSearchPass(search), "search")))
    return failure();
  report.search = options.search;
  report.files.emplace_back("strategy", "strategy.json");
  report.files.emplace_back("pareto", "pareto.json");
  return success();
}

LogicalResult CompileDriver::calibrate() {
  if (!report.search.empty())
    return success(); // hwq-search calibrated with the chosen strategy.
  HwqCalibratePassOptions calib;
  calib.data = impl->calibSpec;
  calib.range = options.calibRange;
  calib.function = impl->functionName;
  calib.method = options.method;
  calib.weightMethod = options.weightMethod;
  calib.percentile = options.percentile;
  calib.bins = options.bins;
  calib.progress = options.progress;
  calib.engine = "jit";
  if (options.progress)
    llvm::errs() << "hwq-compile: calibrating on " << report.calibSamples
                 << " samples (" << options.method << ")\n";
  return runPass(createHwqCalibratePass(calib), "calibrate");
}

LogicalResult CompileDriver::writeStrategy() {
  if (failed(createOutputDir()))
    return failure();
  std::optional<Strategy> strategy;
  if (!report.search.empty()) {
    // hwq-search wrote the strategy it chose, with its metadata.
    llvm::Expected<Strategy> read =
        readStrategyFile(outputPath("strategy.json"));
    if (!read)
      return fail(llvm::toString(read.takeError()));
    strategy = std::move(*read);
  } else {
    FailureOr<Strategy> used = readStrategyFromModule(*module);
    if (failed(used))
      return failure();
    strategy = std::move(*used);
    if (!options.strategyFile.empty()) {
      // Keep the replayed file's provenance (seed, objective, figures).
      llvm::Expected<Strategy> replayed =
          readStrategyFile(options.strategyFile);
      if (!replayed)
        return fail(llvm::toString(replayed.takeError()));
      strategy->seed = replayed->seed;
      strategy->objective = replayed->objective;
      strategy->figures = replayed->figures;
    }
    strategy->calibration.data = impl->calibSpec;
    strategy->calibration.range = report.calibRange;
    strategy->calibration.samples = static_cast<int64_t>(report.calibSamples);
    strategy->calibration.method = options.method;
    strategy->calibration.weightMethod = options.weightMethod;
    if (llvm::Error error =
            writeStrategyFile(*strategy, outputPath("strategy.json")))
      return fail(llvm::toString(std::move(error)));
    report.files.emplace_back("strategy", "strategy.json");
  }
  // The scheme part of the card, from the calibrated simulated module; the
  // accuracy and latency figures are those of evaluate and measureLatency.
  CardOptions card;
  card.model = options.modelPath;
  card.function = impl->functionName;
  card.strategy = strategy;
  card.method = options.method;
  card.weightMethod = options.weightMethod;
  if (!report.search.empty()) {
    llvm::Expected<std::vector<ParetoPoint>> points =
        readParetoFile(outputPath("pareto.json"));
    if (!points)
      return fail(llvm::toString(points.takeError()));
    card.pareto = std::move(*points);
  }
  FailureOr<Card> built = buildCard(*module, card);
  if (failed(built))
    return failure();
  impl->card = std::move(*built);
  return success();
}

LogicalResult CompileDriver::realize() {
  if (failed(runPass(createHwqExactSimPass(), "exact-sim")) ||
      failed(runPass(createHwqRealizePass(), "realize")))
    return failure();
  // Every constraint of the target on the integer graph.
  if (failed(runPass(createHwqVerifyStrategyPass(), "verify-strategy")))
    return fail("the realized model violates constraints of target '" +
                report.targetName + "' (hwq-verify-strategy)");
  report.quantizedOps = 0;
  report.floatOpsLeft = 0;
  module->walk([&](Operation *op) {
    llvm::StringRef ns =
        op->getDialect() ? op->getDialect()->getNamespace() : llvm::StringRef();
    if (ns == "hwq" && op->getName().getStringRef() != "hwq.quantize" &&
        op->getName().getStringRef() != "hwq.dequantize")
      ++report.quantizedOps;
    else if (ns == "tosa" && op->getNumResults() == 1 &&
             !isa<tosa::ConstOp>(op) &&
             isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType())))
      ++report.floatOpsLeft;
  });
  return success();
}

/// Writes `text` to `path`.
static llvm::Error writeText(llvm::StringRef path, llvm::StringRef text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return makeError("cannot write '" + path + "': " + ec.message());
  os << text;
  return llvm::Error::success();
}

LogicalResult CompileDriver::emitModel(ModuleOp source, llvm::StringRef name,
                                       llvm::StringRef role) {
  auto func = source.lookupSymbol<func::FuncOp>(impl->functionName);
  if (!func)
    return fail("the " + role + " model has no function @" +
                impl->functionName);
  std::string symbol = "hwq_" + name.str() + "_run";
  FailureOr<HostFunctionSignature> signature = getHostFunctionSignature(func);
  if (failed(signature))
    return failure();
  auto path = [&](llvm::StringRef file) {
    llvm::SmallString<256> full(options.outputDir);
    llvm::sys::path::append(full, file);
    return full.str().str();
  };
  std::string header = "hwq_" + name.str() + ".h";
  if (llvm::Error error =
          writeText(path(header), makeCHeader(name, symbol, func, *signature)))
    return fail(llvm::toString(std::move(error)));
  report.files.emplace_back(role.str() + "_header", header);
  std::string object = name.str() + ".o";
  std::string shared = "lib" + name.str() + ".so";
  HostLoweringOptions lowering;
  lowering.codegen = options.codegen;
  lowering.x86Isa = options.x86Isa;
  if (!report.runnableHere) {
    // AArch64 targets: an object from the ARM code generator (hwq-lower-arm
    // for the target's features), linked with the target's toolchain.
    auto target =
        (*module)->getAttrOfType<TargetAttr>(HwqDialect::getTargetAttrName());
    if (target && llvm::Triple(report.targetTriple).isNVPTX()) {
      // NVIDIA targets: the PTX of the quantized model's int8 kernels
      // (hwq-lower-nvidia, docs/NVIDIA.md); the float model has none.
      if (role != "quantized")
        return success();
      OwningOpRef<ModuleOp> copy(source.clone());
      FailureOr<std::string> ptx = nvidia::compileKernelsToPTX(*copy, "");
      if (failed(ptx))
        return fail("cannot generate PTX for " + target.getName());
      std::string ptxFile = name.str() + ".ptx";
      if (llvm::Error error = writeText(path(ptxFile), *ptx))
        return fail(llvm::toString(std::move(error)));
      report.files.emplace_back(role.str() + "_ptx", ptxFile);
      return success();
    }
    if (!target || !llvm::Triple(report.targetTriple).isAArch64())
      return success();
    if (options.codegen == "auto" || options.codegen == "arm") {
      lowering.codegen = "plain";
      arm::configureArmLowering(lowering,
                                arm::selectArmKernel(target.getFeatures()));
    }
    if (llvm::Error error = compileForTarget(
            func, symbol, lowering, 3, report.targetTriple, target.getCpu(),
            target.getFeatures(), path(object)))
      return fail(llvm::toString(std::move(error)));
    report.files.emplace_back(role.str() + "_object", object);
    return success();
  }
  if (llvm::Error error =
          compileForHost(func, symbol, lowering, 3, path(object), path(shared)))
    return fail(llvm::toString(std::move(error)));
  report.files.emplace_back(role.str() + "_object", object);
  report.files.emplace_back(role.str() + "_shared_library", shared);
  llvm::SmallString<256> absolute(path(shared));
  (void)llvm::sys::fs::make_absolute(absolute);
  (role == "quantized" ? impl->quantLibrary : impl->floatLibrary) =
      absolute.str().str();
  return success();
}

LogicalResult CompileDriver::emitArtifacts() {
  if (failed(createOutputDir()))
    return failure();
  auto writeModule = [&](ModuleOp source, llvm::StringRef file,
                         llvm::StringRef role) -> LogicalResult {
    llvm::SmallString<256> full(options.outputDir);
    llvm::sys::path::append(full, file);
    std::string text;
    llvm::raw_string_ostream os(text);
    source->print(os);
    if (llvm::Error error = writeText(full, text))
      return fail(llvm::toString(std::move(error)));
    report.files.emplace_back(role.str(), file.str());
    return success();
  };
  if (failed(writeModule(*module, "realized.mlir", "realized_mlir")) ||
      failed(writeModule(*floatModule, "float.mlir", "float_mlir")))
    return failure();
  if (failed(emitModel(*module, impl->quantName, "quantized")) ||
      failed(emitModel(*floatModule, impl->floatName, "float")))
    return failure();
  return success();
}

/// Calls `entry` with `args` (at most 8 pointers). Returns false when there
/// are more.
static bool callEntry(void *entry, llvm::ArrayRef<void *> a) {
  using P = void *;
  switch (a.size()) {
  case 1:
    reinterpret_cast<void (*)(P)>(entry)(a[0]);
    return true;
  case 2:
    reinterpret_cast<void (*)(P, P)>(entry)(a[0], a[1]);
    return true;
  case 3:
    reinterpret_cast<void (*)(P, P, P)>(entry)(a[0], a[1], a[2]);
    return true;
  case 4:
    reinterpret_cast<void (*)(P, P, P, P)>(entry)(a[0], a[1], a[2], a[3]);
    return true;
  case 5:
    reinterpret_cast<void (*)(P, P, P, P, P)>(entry)(a[0], a[1], a[2], a[3],
                                                     a[4]);
    return true;
  case 6:
    reinterpret_cast<void (*)(P, P, P, P, P, P)>(entry)(a[0], a[1], a[2], a[3],
                                                        a[4], a[5]);
    return true;
  case 7:
    reinterpret_cast<void (*)(P, P, P, P, P, P, P)>(entry)(
        a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    return true;
  case 8:
    reinterpret_cast<void (*)(P, P, P, P, P, P, P, P)>(entry)(
        a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    return true;
  default:
    return false;
  }
}

/// A compiled model the driver can call: a shared library's entry point or
/// a JIT-compiled function.
namespace {
struct ModelRunner {
  HostFunctionSignature signature;
  void *entry = nullptr;
  std::unique_ptr<jit::CompiledFunction> jitCode;

  /// Runs the model on `inputs` (already fitted to the signature).
  llvm::Expected<llvm::SmallVector<runtime::Tensor>>
  run(llvm::ArrayRef<runtime::Tensor> inputs) const {
    if (jitCode)
      return jitCode->run(inputs);
    llvm::SmallVector<runtime::Tensor> results;
    for (const HostTensorSignature &result : signature.results)
      results.emplace_back(result.kind, result.shape);
    llvm::SmallVector<void *> pointers;
    for (const runtime::Tensor &input : inputs)
      pointers.push_back(const_cast<uint8_t *>(input.getBytes().data()));
    for (runtime::Tensor &result : results)
      pointers.push_back(result.getMutableBytes().data());
    callEntry(entry, pointers);
    return results;
  }
};
} // namespace

/// The entry point `symbol` of the shared library `path`.
static llvm::Expected<void *> loadEntry(llvm::StringRef path,
                                        llvm::StringRef symbol) {
  std::string error;
  llvm::sys::DynamicLibrary library =
      llvm::sys::DynamicLibrary::getPermanentLibrary(path.str().c_str(),
                                                     &error);
  if (!library.isValid())
    return makeError("cannot load '" + path + "': " + error);
  void *entry = library.getAddressOfSymbol(symbol.str().c_str());
  if (!entry)
    return makeError("'" + path + "' has no symbol " + symbol);
  return entry;
}

/// The shared library `library` (when not empty and the signature has at
/// most 8 tensors) or else `func` compiled by the JIT.
static FailureOr<ModelRunner>
makeRunner(func::FuncOp func, llvm::StringRef library, llvm::StringRef symbol) {
  ModelRunner runner;
  FailureOr<HostFunctionSignature> signature = getHostFunctionSignature(func);
  if (failed(signature))
    return failure();
  runner.signature = *signature;
  if (!library.empty() &&
      signature->inputs.size() + signature->results.size() <= 8) {
    llvm::Expected<void *> entry = loadEntry(library, symbol);
    if (!entry) {
      emitError(func.getLoc()) << llvm::toString(entry.takeError());
      return failure();
    }
    runner.entry = *entry;
    return runner;
  }
  FailureOr<std::unique_ptr<jit::CompiledFunction>> code =
      jit::CompiledFunction::compile(func);
  if (failed(code))
    return failure();
  runner.jitCode = std::move(*code);
  return runner;
}

/// The index of the largest element of `tensor` (ties: the lower index).
static int64_t argmax(const runtime::Tensor &tensor) {
  int64_t best = 0;
  for (int64_t i = 1, e = tensor.getNumElements(); i < e; ++i)
    if (tensor.getDouble(i) > tensor.getDouble(best))
      best = i;
  return best;
}

LogicalResult CompileDriver::evaluate() {
  if (impl->evalSpec.empty())
    return success();
  auto floatFunc = floatModule->lookupSymbol<func::FuncOp>(impl->functionName);
  auto quantFunc = module->lookupSymbol<func::FuncOp>(impl->functionName);
  // The libraries just written when they run here (the accuracy is then that
  // of the artifacts), else the JIT.
  FailureOr<ModelRunner> floatCode = makeRunner(
      floatFunc, impl->floatLibrary, "hwq_" + impl->floatName + "_run");
  if (failed(floatCode))
    return failure();
  FailureOr<ModelRunner> quantCode = makeRunner(
      quantFunc, impl->quantLibrary, "hwq_" + impl->quantName + "_run");
  if (failed(quantCode))
    return failure();
  report.evalEngine = floatCode->jitCode ? "jit" : "shared-library";
  llvm::Expected<runtime::Dataset> dataset =
      runtime::Dataset::open(impl->evalSpec);
  if (!dataset)
    return fail("evaluation data: " + llvm::toString(dataset.takeError()));
  llvm::Expected<runtime::SampleRange> range =
      runtime::parseSampleRange(options.evalRange, dataset->size());
  if (!range)
    return fail("evaluation data: " + llvm::toString(range.takeError()));
  auto start = std::chrono::steady_clock::now();
  size_t done = 0, step = std::max<size_t>(1, range->size() / 10);
  for (size_t index = range->begin; index < range->end; ++index) {
    llvm::Expected<runtime::Sample> sample = dataset->getSample(index);
    if (!sample)
      return fail("evaluation data '" + impl->evalSpec +
                  "': " + llvm::toString(sample.takeError()));
    if (llvm::Error error = runtime::conformSample(*sample, impl->inputs))
      return fail("evaluation data '" + impl->evalSpec +
                  "': " + llvm::toString(std::move(error)));
    auto floatOut = floatCode->run(sample->inputs);
    if (!floatOut)
      return fail("float model: " + llvm::toString(floatOut.takeError()));
    auto quantOut = quantCode->run(sample->inputs);
    if (!quantOut)
      return fail("quantized model: " + llvm::toString(quantOut.takeError()));
    int64_t floatClass = argmax(floatOut->front());
    int64_t quantClass = argmax(quantOut->front());
    if (floatClass == quantClass)
      ++report.agreement;
    if (sample->label) {
      report.floatAccuracy.correct += floatClass == *sample->label;
      report.quantAccuracy.correct += quantClass == *sample->label;
    }
    ++done;
    if (options.progress && (done % step == 0 || done == range->size()))
      llvm::errs() << llvm::formatv("eval: {0}/{1} samples, {2:F1} s\n", done,
                                    range->size(), secondsSince(start));
  }
  report.evaluated = true;
  return success();
}

/// Median seconds of `runs` calls of `symbol` in the shared library `path`
/// on `inputs` (the function's outputs are allocated from `signature`).
static llvm::Expected<double>
timeLibrary(llvm::StringRef path, llvm::StringRef symbol,
            const HostFunctionSignature &signature,
            llvm::ArrayRef<runtime::Tensor> inputs, unsigned runs) {
  llvm::Expected<void *> loaded = loadEntry(path, symbol);
  if (!loaded)
    return loaded.takeError();
  void *entry = *loaded;
  std::vector<runtime::Tensor> args(inputs.begin(), inputs.end());
  for (const HostTensorSignature &result : signature.results)
    args.emplace_back(result.kind, result.shape);
  llvm::SmallVector<void *> pointers;
  for (runtime::Tensor &tensor : args)
    pointers.push_back(tensor.getMutableBytes().data());
  if (!callEntry(entry, pointers))
    return makeError(llvm::formatv("timing supports at most 8 inputs and "
                                   "outputs, {0} has {1}",
                                   symbol, pointers.size()));
  for (unsigned i = 0; i < 2; ++i)
    callEntry(entry, pointers);
  std::vector<double> seconds;
  for (unsigned i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    callEntry(entry, pointers);
    seconds.push_back(secondsSince(start));
  }
  std::nth_element(seconds.begin(), seconds.begin() + seconds.size() / 2,
                   seconds.end());
  return seconds[seconds.size() / 2];
}

LogicalResult CompileDriver::measureLatency() {
  if (!report.runnableHere || options.latencyRuns == 0 ||
      impl->quantLibrary.empty() || impl->floatLibrary.empty())
    return success();
  auto floatFunc = floatModule->lookupSymbol<func::FuncOp>(impl->functionName);
  FailureOr<HostFunctionSignature> floatSig =
      getHostFunctionSignature(floatFunc);
  FailureOr<HostFunctionSignature> quantSig = getHostFunctionSignature(
      module->lookupSymbol<func::FuncOp>(impl->functionName));
  if (failed(floatSig) || failed(quantSig))
    return failure();
  if (impl->timingInputs.empty())
    for (const HostTensorSignature &input : floatSig->inputs)
      impl->timingInputs.emplace_back(input.kind, input.shape);
  if (options.progress)
    llvm::errs() << "hwq-compile: timing " << options.latencyRuns
                 << " runs of each model\n";
  llvm::Expected<double> floatSeconds =
      timeLibrary(impl->floatLibrary, "hwq_" + impl->floatName + "_run",
                  *floatSig, impl->timingInputs, options.latencyRuns);
  if (!floatSeconds)
    return fail(llvm::toString(floatSeconds.takeError()));
  llvm::Expected<double> quantSeconds =
      timeLibrary(impl->quantLibrary, "hwq_" + impl->quantName + "_run",
                  *quantSig, impl->timingInputs, options.latencyRuns);
  if (!quantSeconds)
    return fail(llvm::toString(quantSeconds.takeError()));
  report.timed = true;
  report.timingMethod = "shared-library";
  report.timedRuns = options.latencyRuns;
  report.floatSeconds = *floatSeconds;
  report.quantSeconds = *quantSeconds;
  return success();
}

LogicalResult CompileDriver::writeCard() {
  if (!impl->card)
    return success();
  Card &card = *impl->card;
  card.target = report.targetName;
  card.triple = report.targetTriple;
  if (report.evaluated) {
    card.evalData = impl->evalSpec;
    card.evalRange = report.evalRange;
    card.evalSamples = static_cast<int64_t>(report.evalSamples);
    double total = static_cast<double>(report.evalSamples);
    if (report.labelled && total > 0) {
      card.floatAccuracy = report.floatAccuracy.correct / total;
      card.quantizedAccuracy = report.quantAccuracy.correct / total;
    }
    if (total > 0)
      card.agreement = report.agreement / total;
  }
  if (report.timed) {
    card.strategy.setFigure("latency_float_ms", report.floatSeconds * 1e3);
    card.strategy.setFigure("latency_quantized_ms", report.quantSeconds * 1e3);
  }
  std::string json, markdown;
  llvm::raw_string_ostream jsonOs(json), markdownOs(markdown);
  writeCardJson(card, jsonOs);
  writeCardMarkdown(card, markdownOs);
  if (llvm::Error error = writeText(outputPath("card.json"), json))
    return fail(llvm::toString(std::move(error)));
  if (llvm::Error error = writeText(outputPath("card.md"), markdown))
    return fail(llvm::toString(std::move(error)));
  report.files.emplace_back("card_json", "card.json");
  report.files.emplace_back("card_markdown", "card.md");
  return success();
}

LogicalResult CompileDriver::writeReport() {
  llvm::SmallString<256> path(options.outputDir);
  llvm::sys::path::append(path, "report.json");
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::json::OStream json(os, 2);
  auto rate = [](size_t count, size_t total) {
    return total ? static_cast<double>(count) / static_cast<double>(total)
                 : 0.0;
  };
  json.object([&] {
    json.attribute("model", options.modelPath);
    json.attribute("format", report.modelFormat);
    json.attribute("function", report.functionName);
    json.attribute("name", report.modelName);
    json.attributeObject("target", [&] {
      json.attribute("name", report.targetName);
      json.attribute("file", report.targetFile);
      json.attribute("triple", report.targetTriple);
    });
    json.attribute("host_triple", report.hostTriple);
    json.attribute("runnable_here", report.runnableHere);
    json.attribute("strategy", report.strategyFile.empty()
                                   ? llvm::json::Value(nullptr)
                                   : llvm::json::Value(report.strategyFile));
    if (!report.search.empty())
      json.attributeObject("search", [&] {
        json.attribute("strategy", report.search);
        json.attribute("objective", options.objective);
        json.attribute("seed", static_cast<int64_t>(options.seed));
        json.attribute("max_drop", options.maxDrop);
        json.attribute("size_budget", options.sizeBudget);
        json.attribute("latency_budget", options.latencyBudget);
        if (impl->card && impl->card->averageWeightBits)
          json.attribute("average_weight_bits", *impl->card->averageWeightBits);
      });
    else
      json.attribute("search", nullptr);
    json.attributeObject("calibration", [&] {
      json.attribute("data", impl->calibSpec);
      json.attribute("description", report.calibDescription);
      json.attribute("range", report.calibRange);
      json.attribute("samples", static_cast<int64_t>(report.calibSamples));
      json.attribute("method", options.method);
      json.attribute("weight_method", options.weightMethod);
      json.attribute("percentile", options.percentile);
      json.attribute("bins", static_cast<int64_t>(options.bins));
    });
    json.attributeObject("codegen", [&] {
      json.attribute("codegen", options.codegen);
      json.attribute("x86_isa", options.x86Isa);
    });
    if (report.evaluated)
      json.attributeObject("evaluation", [&] {
        json.attribute("data", impl->evalSpec);
        json.attribute("description", report.evalDescription);
        json.attribute("range", report.evalRange);
        json.attribute("samples", static_cast<int64_t>(report.evalSamples));
        json.attribute("labelled", report.labelled);
        json.attribute("engine", report.evalEngine);
        json.attributeObject("agreement", [&] {
          json.attribute("count", static_cast<int64_t>(report.agreement));
          json.attribute("rate", rate(report.agreement, report.evalSamples));
        });
        if (report.labelled) {
          auto model = [&](const char *key, const AccuracyFigures &figures) {
            json.attributeObject(key, [&] {
              json.attribute("correct", static_cast<int64_t>(figures.correct));
              json.attribute("top1", rate(figures.correct, report.evalSamples));
            });
          };
          model("float", report.floatAccuracy);
          model("quantized", report.quantAccuracy);
          json.attribute(
              "drop_points",
              100.0 * (rate(report.floatAccuracy.correct, report.evalSamples) -
                       rate(report.quantAccuracy.correct, report.evalSamples)));
        }
      });
    else
      json.attribute("evaluation", nullptr);
    if (report.timed)
      json.attributeObject("latency", [&] {
        json.attribute("method", report.timingMethod);
        json.attribute("runs", static_cast<int64_t>(report.timedRuns));
        json.attribute("float_ms", report.floatSeconds * 1e3);
        json.attribute("quantized_ms", report.quantSeconds * 1e3);
        json.attribute("speedup",
                       report.quantSeconds > 0
                           ? report.floatSeconds / report.quantSeconds
                           : 0.0);
      });
    else
      json.attribute("latency", nullptr);
    json.attributeObject("graph", [&] {
      json.attribute("quantized_ops",
                     static_cast<int64_t>(report.quantizedOps));
      json.attribute("float_ops", static_cast<int64_t>(report.floatOpsLeft));
    });
    json.attributeObject("files", [&] {
      for (const auto &[role, file] : report.files)
        json.attribute(role, file);
      json.attribute("report", "report.json");
    });
    json.attributeObject("stage_seconds", [&] {
      for (const auto &[stage, seconds] : report.stageSeconds)
        json.attribute(stage, seconds);
    });
  });
  os << "\n";
  if (llvm::Error error = writeText(path, text))
    return fail(llvm::toString(std::move(error)));
  return success();
}

void CompileDriver::printSummary(llvm::raw_ostream &os) const {
  os << "hwq-compile: " << options.modelPath << " for " << report.targetName
     << " (" << report.targetTriple << ") -> " << options.outputDir << "\n";
  os << "calibration: " << report.calibSamples << " samples ("
     << report.calibRange << ") of " << report.calibDescription << ", method "
     << options.method << "\n";
  if (report.evaluated)
    os << "evaluation:  " << report.evalSamples << " samples ("
       << report.evalRange << ") of " << report.evalDescription << "\n";
  os << "graph:       " << report.quantizedOps << " integer ops, "
     << report.floatOpsLeft << " float ops left\n";
  if (!report.search.empty())
    os << "search:      " << report.search << " (objective "
       << options.objective << ", seed " << options.seed << ", max drop "
       << llvm::format("%g", options.maxDrop) << " points"
       << (options.sizeBudget
               ? ", size budget " + std::to_string(options.sizeBudget) + " bits"
               : std::string())
       << ")\n";
  if (impl->card && impl->card->averageWeightBits)
    os << llvm::formatv("weights:     {0:F2} bits on average\n",
                        *impl->card->averageWeightBits);
  os << "\n";
  auto percent = [&](size_t count) {
    return llvm::formatv("{0}/{1} = {2:F2}%", count, report.evalSamples,
                         report.evalSamples ? 100.0 * count / report.evalSamples
                                            : 0.0)
        .str();
  };
  std::string latencyHeader =
      report.timed
          ? llvm::formatv("latency (median of {0})", report.timedRuns).str()
          : std::string("latency");
  os << llvm::formatv("{0,-12} {1,-22} {2}\n", "model",
                      report.labelled ? "top-1" : "", latencyHeader);
  auto row = [&](llvm::StringRef name, const AccuracyFigures &figures,
                 double seconds) {
    std::string accuracy = report.evaluated && report.labelled
                               ? percent(figures.correct)
                               : std::string(report.evaluated ? "" : "-");
    std::string latency =
        report.timed ? llvm::formatv("{0:F3} ms", seconds * 1e3).str()
        : report.runnableHere
            ? std::string("not measured")
            : "not runnable here (" + report.targetTriple + ")";
    os << llvm::formatv("{0,-12} {1,-22} {2}\n", name, accuracy, latency);
  };
  row("float", report.floatAccuracy, report.floatSeconds);
  row("quantized", report.quantAccuracy, report.quantSeconds);
  if (report.evaluated) {
    os << llvm::formatv("{0,-12} {1}\n", "agreement",
                        percent(report.agreement) + " (top-1, quantized vs "
                                                    "float)");
    if (report.labelled)
      os << llvm::formatv(
          "{0,-12} {1:F2} points\n", "drop",
          100.0 *
              (static_cast<double>(report.floatAccuracy.correct) -
               static_cast<double>(report.quantAccuracy.correct)) /
              static_cast<double>(report.evalSamples));
  }
  if (!report.runnableHere)
    os << "note: " << report.targetTriple << " code does not run on this host ("
       << report.hostTriple
       << "): no shared library and no timing; accuracy measured on the host "
          "JIT (the same integers)"
       << (llvm::Triple(report.targetTriple).isAArch64()
               ? "; objects compiled for the target"
               : "")
       << "\n";
  if (report.timed && report.quantSeconds > 0)
    os << llvm::formatv("{0,-12} {1:F2}x (float / quantized latency, "
                        "shared libraries on this host)\n",
                        "speedup", report.floatSeconds / report.quantSeconds);
  os << "\nwrote ";
  bool first = true;
  for (const auto &entry : report.files) {
    os << (first ? "" : ", ") << entry.second;
    first = false;
  }
  os << ", report.json\n";
}
