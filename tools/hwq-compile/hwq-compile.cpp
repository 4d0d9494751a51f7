//===- hwq-compile.cpp - ahead-of-time compilation of a model ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Two modes (docs/hwq-compile.md):
//
// * the one-command path: `hwq-compile MODEL --target NAME|FILE --calib DATA
//   [--eval DATA [--labels FILE]] -o OUTDIR` imports a float model (.onnx,
//   .tflite, .mlir), quantizes it for the target, compiles the quantized and
//   the float model, evaluates both and times them (hwq::driver::
//   CompileDriver), writes everything into OUTDIR and prints a table;
// * single-file modes (`--emit=...`, no --target): compiles one function of
//   an MLIR module (float TOSA, hwq.sim_quantize, realized hwq ops) for the
//   host CPU, ahead of time: an object file, a shared library, the C header
//   that declares it, or the intermediate LLVM IR / LLVM dialect.
//
// The compiled functions have the host ABI of docs/HostExecution.md:
//
//   void hwq_<name>_run(const T0 *input0, ..., U0 *output0, ...);
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/NVIDIA/Passes.h"
#include "hwq/Codegen/ARM/Pipeline.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Driver/CompileDriver.h"
#include "hwq/Driver/HostArtifacts.h"
#include "hwq/ExecutionEngine/HostCompiler.h"
#include "hwq/Search/Passes.h"
#include "hwq/Target/TargetDescription.h"
#include "hwq/Tools/ToolSupport.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace hwq;

namespace cl = llvm::cl;

static cl::OptionCategory compileCategory("hwq-compile options");

static cl::opt<std::string>
    inputFile(cl::Positional,
              cl::desc("<model.onnx | model.tflite | model.mlir>"),
              cl::init("-"), cl::cat(compileCategory));

static cl::opt<std::string> outputFile("o",
                                       cl::desc("Output file (--emit) or "
                                                "output folder (--target)"),
                                       cl::value_desc("file"), cl::init("-"),
                                       cl::cat(compileCategory));

static cl::opt<std::string> functionName(
    "function",
    cl::desc("Function to compile (default: @main, or the module's only "
             "function with a body)"),
    cl::value_desc("name"), cl::cat(compileCategory));

static cl::opt<std::string> modelName(
    "name",
    cl::desc("Model name: the entry point is hwq_<name>_run (default: the "
             "function's name)"),
    cl::value_desc("name"), cl::cat(compileCategory));

namespace {
enum class EmitKind { Object, Shared, Header, LLVMIR, MLIR, Assembly, PTX };
} // namespace

static cl::opt<EmitKind> emitKind(
    "emit", cl::desc("What to write"), cl::init(EmitKind::Object),
    cl::values(
        clEnumValN(EmitKind::Object, "obj", "a relocatable object file"),
        clEnumValN(EmitKind::Shared, "shared",
                   "a shared library (links the object with the system C "
                   "compiler: $CC, cc, clang or gcc)"),
        clEnumValN(EmitKind::Header, "header",
                   "the C header declaring the entry point"),
        clEnumValN(EmitKind::LLVMIR, "llvm", "optimized LLVM IR"),
        clEnumValN(EmitKind::MLIR, "mlir", "the lowered LLVM-dialect module"),
        clEnumValN(EmitKind::Assembly, "asm", "target assembly"),
        clEnumValN(EmitKind::PTX, "ptx",
                   "the PTX of the NVIDIA kernels (--gpu-arch or the "
                   "module's nvidia-* #hwq.target)")),
    cl::cat(compileCategory));

static cl::opt<FloatPrecision> floatPrecision(
    "float-precision", cl::desc("Precision of float computations"),
    cl::init(FloatPrecision::Auto),
    cl::values(clEnumValN(FloatPrecision::Auto, "auto",
                          "f64 in functions with hwq.sim_quantize, else the "
                          "IR's types"),
               clEnumValN(FloatPrecision::Native, "native", "the IR's types"),
               clEnumValN(FloatPrecision::F64, "f64", "f64 everywhere")),
    cl::cat(compileCategory));

static cl::opt<std::string>
    gpuArch("gpu-arch",
            cl::desc("NVIDIA architecture for --emit=ptx: sm_75, sm_80, sm_90 "
                     "(default: the module's #hwq.target)"),
            cl::value_desc("sm_XX"), cl::cat(compileCategory));
static cl::opt<std::string> codegenChoice(
    "codegen",
    cl::desc("Code generator of int8 contractions: auto (x86 micro-kernels "
             "for x86 targets, hwq-lower-arm for AArch64 --target/"
             "--target-triple), x86, arm (with the --target features), "
             "plain"),
    cl::init("auto"), cl::cat(compileCategory));
static cl::opt<std::string> x86IsaChoice(
    "x86-isa",
    cl::desc("x86 micro-kernel instruction: auto (the host's), avx512-vnni, "
             "avx2, generic"),
    cl::init("auto"), cl::cat(compileCategory));

static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"),
                                  cl::init(3), cl::Prefix,
                                  cl::cat(compileCategory));

static cl::opt<std::string> targetFile(
    "target",
    cl::desc("Target: a shipped target name (x86-avx512-vnni, arm-i8mm, ...) "
             "or a target description file. Without --emit: the one-command "
             "path (quantize MODEL for it, docs/hwq-compile.md). With --emit: "
             "compile for its triple, CPU and features, and its code "
             "generator (hwq-lower-arm for AArch64 targets). Default: the "
             "host"),
    cl::value_desc("name|file"), cl::cat(compileCategory));

static cl::opt<bool> moduleTarget(
    "module-target",
    cl::desc("Compile for the module's #hwq.target attribute (as --target)"),
    cl::init(false), cl::cat(compileCategory));

static cl::opt<std::string>
    targetTriple("target-triple",
                 cl::desc("LLVM target triple (overrides the target's)"),
                 cl::value_desc("triple"), cl::cat(compileCategory));

static cl::opt<std::string>
    targetCpu("target-cpu", cl::desc("CPU name (overrides the target's)"),
              cl::value_desc("name"), cl::cat(compileCategory));

static cl::opt<std::string> targetFeatures(
    "target-features",
    cl::desc("Comma-separated target features, e.g. +neon,+dotprod "
             "(overrides the target's)"),
    cl::value_desc("list"), cl::cat(compileCategory));

static cl::OptionCategory
    modelCategory("hwq-compile MODEL --target options (the one-command path)");

static cl::opt<std::string> calibData(
    "calib",
    cl::desc("Calibration dataset spec (docs/Calibration.md): x.npy, x.npz, "
             "kws01:DIR, raw:DIR:dtype=..:shape=.., FILE-idx3-ubyte, with "
             ":KEY=VALUE options"),
    cl::value_desc("spec"), cl::cat(modelCategory));

static cl::opt<std::string>
    calibRange("calib-range",
               cl::desc("Calibration samples A:B (A to B-1); default all"),
               cl::value_desc("A:B"), cl::cat(modelCategory));

static cl::opt<std::string>
    evalData("eval",
             cl::desc("Evaluation dataset spec: float vs quantized top-1 "
                      "(with labels) or top-1 agreement (without)"),
             cl::value_desc("spec"), cl::cat(modelCategory));

static cl::opt<std::string>
    evalRange("eval-range",
              cl::desc("Evaluation samples A:B (A to B-1); default all"),
              cl::value_desc("A:B"), cl::cat(modelCategory));

static cl::opt<std::string>
    labelsFile("labels",
               cl::desc("Labels of the evaluation data: .npy, idx1 or CSV file "
                        "(same as :labels= in the --eval spec)"),
               cl::value_desc("file"), cl::cat(modelCategory));

static cl::opt<std::string> calibMethod(
    "method",
    cl::desc("Threshold method of activations: max, percentile, kl, mse"),
    cl::init("max"), cl::cat(modelCategory));

static cl::opt<std::string>
    weightMethod("weight-method",
                 cl::desc("Threshold method of weights: max, percentile, kl, "
                          "mse"),
                 cl::init("max"), cl::cat(modelCategory));

static cl::opt<double>
    percentileValue("percentile",
                    cl::desc("Percentile of |x| for --method=percentile"),
                    cl::init(99.99), cl::cat(modelCategory));

static cl::opt<unsigned> histogramBins("bins",
                                       cl::desc("Histogram bins per edge"),
                                       cl::init(2048), cl::cat(modelCategory));

static cl::opt<std::string>
    strategyFile("strategy",
                 cl::desc("Strategy file applied after annotation by the pass "
                          "hwq-apply-strategy, e.g. OUTDIR/strategy.json of an "
                          "earlier run"),
                 cl::value_desc("file"), cl::cat(modelCategory));

static cl::opt<std::string> searchStrategy(
    "search",
    cl::desc("Search bits per edge (hwq-search) on the calibration data "
             "before compiling: greedy, random, noise or lagrangian "
             "(default: none, the target's 8-bit defaults)"),
    cl::value_desc("strategy"), cl::cat(modelCategory));

static cl::opt<std::string>
    calibLabels("calib-labels",
                cl::desc("Labels of the calibration data, for the search's "
                         "accuracy objective"),
                cl::value_desc("file"), cl::cat(modelCategory));

static cl::opt<std::string> searchObjective(
    "objective",
    cl::desc("--search objective: accuracy, agreement, kl, mse, "
             "classification"),
    cl::init("accuracy"), cl::cat(modelCategory));

static cl::opt<double>
    maxDrop("max-drop",
            cl::desc("--search accuracy budget: largest drop vs float on the "
                     "calibration data, in points"),
            cl::init(1.0), cl::cat(modelCategory));

static cl::opt<int64_t>
    sizeBudget("size-budget",
               cl::desc("--search model size budget in bits of weights (0: "
                        "none)"),
               cl::init(0), cl::cat(modelCategory));

static cl::opt<double> latencyBudget(
    "latency-budget",
    cl::desc("--search estimated latency budget in microseconds (0: none)"),
    cl::init(0), cl::cat(modelCategory));

static cl::opt<uint64_t>
    searchSeed("seed", cl::desc("--search seed (same seed, same strategy)"),
               cl::init(1), cl::cat(modelCategory));

static cl::opt<unsigned> searchThreads(
    "search-threads",
    cl::desc("--search evaluation threads (0: all cores; results do not "
             "depend on it)"),
    cl::init(0), cl::cat(modelCategory));

static cl::opt<unsigned> latencyRuns(
    "runs",
    cl::desc("Timed runs of each compiled model for the latency median (0: "
             "no timing)"),
    cl::init(50), cl::cat(modelCategory));

static cl::opt<std::string> inputShapes(
    "input-shape",
    cl::desc("Static input shapes for ONNX models with dynamic dimensions, "
             "e.g. 1x1x49x10"),
    cl::value_desc("shapes"), cl::cat(modelCategory));

static cl::opt<cl::boolOrDefault>
    progress("progress",
             cl::desc("Progress on stderr during calibration and evaluation "
                      "(default: when stderr is a terminal)"),
             cl::cat(modelCategory));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "hwq-compile: error: " << message << "\n";
  return 1;
}

/// Picks the function to work on; reports and returns null when none fits.
static func::FuncOp findFunction(ModuleOp module) {
  llvm::Expected<func::FuncOp> func =
      hwq::tools::selectEntryFunction(module, functionName);
  if (!func) {
    fail(llvm::toString(func.takeError()));
    return {};
  }
  return *func;
}

/// Writes `bytes` to the output file.
static int writeOutput(llvm::StringRef bytes) {
  std::string error;
  auto output = openOutputFile(outputFile, &error);
  if (!output)
    return fail(error);
  output->os() << bytes;
  output->keep();
  return 0;
}

/// 0 for success, else reports `error` and returns 1.
static int reportError(llvm::Error error) {
  if (!error)
    return 0;
  return fail(llvm::toString(std::move(error)));
}

/// `file: ` or `file:line:col: ` for a location that names a file.
static std::string describeLocation(Location loc) {
  if (auto fileLoc = loc->findInstanceOf<FileLineColLoc>()) {
    if (fileLoc.getLine() == 0)
      return fileLoc.getFilename().str() + ": ";
    return tools::formatLocation(loc);
  }
  return "";
}

/// The one-command path: MODEL --target ... -o OUTDIR.
static int compileModel(const char *argv0) {
  if (outputFile == "-")
    return fail("--target needs an output folder (-o OUTDIR)");
  if (emitKind.getNumOccurrences())
    return fail("--emit selects a single-file mode; with --target, "
                "hwq-compile writes every output into the -o folder");
  DialectRegistry registry;
  driver::CompileDriver::registerDialects(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);
  context.printStackTraceOnDiagnostic(false);
  // One line per error: `hwq-compile: error: file:line:col: message`.
  ScopedDiagnosticHandler handler(&context, [](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      llvm::errs() << "hwq-compile: error: "
                   << describeLocation(diag.getLocation()) << diag.str()
                   << "\n";
    else if (diag.getSeverity() == DiagnosticSeverity::Warning)
      llvm::errs() << "hwq-compile: warning: "
                   << describeLocation(diag.getLocation()) << diag.str()
                   << "\n";
    return success();
  });

  driver::CompileOptions options;
  options.modelPath = inputFile;
  options.target = targetFile;
  options.executable =
      llvm::sys::fs::getMainExecutable(argv0, reinterpret_cast<void *>(&fail));
  options.outputDir = outputFile;
  options.inputShapes = inputShapes;
  options.functionName = functionName;
  options.modelName = modelName;
  options.calibData = calibData;
  options.calibRange = calibRange;
  options.method = calibMethod;
  options.weightMethod = weightMethod;
  options.percentile = percentileValue;
  options.bins = histogramBins;
  options.evalData = evalData;
  options.evalRange = evalRange;
  options.labelsFile = labelsFile;
  options.strategyFile = strategyFile;
  options.search = searchStrategy;
  options.calibLabels = calibLabels;
  options.objective = searchObjective;
  options.maxDrop = maxDrop;
  options.sizeBudget = sizeBudget;
  options.latencyBudget = latencyBudget;
  options.seed = searchSeed;
  options.threads = searchThreads;
  options.latencyRuns = latencyRuns;
  options.codegen = codegenChoice;
  options.x86Isa = x86IsaChoice;
  options.progress = progress == cl::BOU_UNSET
                         ? llvm::sys::Process::StandardErrIsDisplayed()
                         : progress == cl::BOU_TRUE;
  driver::CompileDriver compileDriver(context, std::move(options));
  if (failed(compileDriver.run()))
    return 1;
  compileDriver.printSummary(llvm::outs());
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions({&compileCategory, &modelCategory});
  cl::ParseCommandLineOptions(
      argc, argv,
      "hwq-compile: quantize and compile a model for a target, or compile a "
      "model function for the host or a target, ahead of time\n\n"
      "  hwq-compile model.onnx --target x86-avx512-vnni --calib c.npy "
      "--eval e.npy --labels y.npy -o out/\n"
      "  hwq-compile model.mlir --name kws --emit=obj -o kws.o\n"
      "  hwq-compile model.mlir --name kws --emit=header -o hwq_kws.h\n"
      "  hwq-compile model.mlir --name kws --emit=shared -o libkws.so\n"
      "  hwq-compile model.mlir --target targets/arm-i8mm.yaml --emit=obj "
      "-o kws.o\n");

  // Pass options (e.g. in diagnostics) may name any hwq pass.
  hwq::registerHwqPasses();
  hwq::registerHwqSearchPasses();
  bool modelFile = llvm::StringRef(inputFile).ends_with(".onnx") ||
                   llvm::StringRef(inputFile).ends_with(".tflite");
  if ((!targetFile.empty() && !emitKind.getNumOccurrences() && !moduleTarget) ||
      modelFile) {
    if (targetFile.empty())
      return fail("'" + inputFile +
                  "' is not MLIR: quantizing and compiling a model needs "
                  "--target NAME|FILE and -o OUTDIR");
    if (emitKind.getNumOccurrences())
      return fail("--emit compiles one MLIR function; for '" + inputFile +
                  "', hwq-compile writes every output into the -o folder "
                  "(drop --emit)");
    return compileModel(argv[0]);
  }
  if (!targetFile.empty()) {
    // A shipped target name works here too.
    llvm::Expected<std::string> resolved = driver::resolveTargetFile(
        targetFile, llvm::sys::fs::getMainExecutable(
                        argv[0], reinterpret_cast<void *>(&fail)));
    if (!resolved)
      return fail(llvm::toString(resolved.takeError()));
    targetFile = *resolved;
  }

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<hwq::HwqDialect>();
  registerHostLoweringDialects(registry);
  arm::registerArmCodegenDialects(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);

  llvm::SourceMgr sourceMgr;
  std::string error;
  auto buffer = openInputFile(inputFile, &error);
  if (!buffer)
    return fail(error);
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  // PTX: the kernels of every function of the module.
  if (emitKind == EmitKind::PTX) {
    // The architecture: --gpu-arch, else --target's, else the module's.
    std::string arch = gpuArch;
    if (arch.empty() && !targetFile.empty()) {
      FailureOr<TargetAttr> target =
          parseTargetDescriptionFile(targetFile, &context);
      if (failed(target))
        return 1;
      module->getOperation()->setAttr(HwqDialect::getTargetAttrName(),
                                      *target);
    }
    FailureOr<std::string> ptx = nvidia::compileKernelsToPTX(*module, arch);
    if (failed(ptx))
      return 1;
    return writeOutput(*ptx);
  }
  func::FuncOp func = findFunction(*module);
  if (!func)
    return 1;
  std::string name =
      driver::toCIdentifier(modelName.empty() ? func.getSymName() : modelName);
  std::string symbol = "hwq_" + name + "_run";

  FailureOr<HostFunctionSignature> signature = getHostFunctionSignature(func);
  if (failed(signature))
    return 1;
  if (emitKind == EmitKind::Header)
    return writeOutput(driver::makeCHeader(name, symbol, func, *signature));

  // The target: the host, a description file or the module's attribute,
  // with the command line's overrides.
  std::string triple = targetTriple, cpu = targetCpu, features = targetFeatures;
  TargetAttr target;
  if (!targetFile.empty()) {
    FailureOr<TargetAttr> parsed =
        parseTargetDescriptionFile(targetFile, &context);
    if (failed(parsed))
      return 1;
    target = *parsed;
  } else if (moduleTarget) {
    target = TargetAttr::lookup(func);
    if (!target)
      return fail("--module-target: the module has no hwq.target attribute");
  }
  if (target) {
    if (triple.empty())
      triple = target.getTriple().str();
    if (cpu.empty())
      cpu = target.getCpu().str();
    if (features.empty())
      features = target.getFeatures().str();
  }
  bool cross = !triple.empty() || !cpu.empty() || !features.empty();
  if (cross && triple.empty())
    triple = llvm::sys::getDefaultTargetTriple();

  HostLoweringOptions options;
  options.floatPrecision = floatPrecision;
  options.codegen = codegenChoice;
  options.x86Isa = x86IsaChoice;
  // AArch64 targets: the ARM micro-kernels (hwq-lower-arm) instead of the
  // x86 ones.
  bool aarch64 =
      cross && llvm::Triple(llvm::Triple::normalize(triple)).isAArch64();
  if ((codegenChoice == "auto" && aarch64) || codegenChoice == "arm") {
    options.codegen = "plain";
    arm::configureArmLowering(options, arm::selectArmKernel(features));
  }
  FailureOr<OwningOpRef<ModuleOp>> lowered =
      lowerFunctionForHost(func, symbol, options);
  if (failed(lowered))
    return 1;
  if (emitKind == EmitKind::MLIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    lowered->get()->print(os);
    return writeOutput(text);
  }

  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      cross ? createTargetMachine(triple, cpu, features, /*pic=*/true)
            : createHostTargetMachine(/*pic=*/true);
  if (!machine)
    return fail(llvm::toString(machine.takeError()));
  llvm::LLVMContext llvmContext;
  FailureOr<std::unique_ptr<llvm::Module>> llvmModule =
      translateForHost(lowered->get(), llvmContext, **machine,
                       std::min(optLevel.getValue(), 3u));
  if (failed(llvmModule))
    return 1;
  if (emitKind == EmitKind::LLVMIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    return writeOutput(text);
  }
  if (emitKind == EmitKind::Assembly)
    return reportError(
        driver::emitObjectFile(**llvmModule, **machine, outputFile,
                               llvm::CodeGenFileType::AssemblyFile));
  if (emitKind == EmitKind::Object) {
    if (outputFile == "-")
      return fail("--emit=obj needs an output file (-o)");
    return reportError(
        driver::emitObjectFile(**llvmModule, **machine, outputFile));
  }
  // Shared library: an object in a temporary file, linked by the C compiler.
  if (outputFile == "-")
    return fail("--emit=shared needs an output file (-o)");
  if (cross)
    return fail("--emit=shared links for the host only; for another target "
                "emit an object (--emit=obj) and link it with that target's "
                "toolchain");
  llvm::SmallString<128> object;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("hwq-compile", "o", object))
    return fail("cannot create a temporary file: " + ec.message());
  llvm::FileRemover remover(object);
  if (int status =
          reportError(driver::emitObjectFile(**llvmModule, **machine, object)))
    return status;
  return reportError(driver::linkSharedLibrary(object, outputFile));
}
