//===- hwq-run.cpp - run an MLIR function on tensor files -------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Parses a module (every dialect hwq-opt knows), runs one function with an
// execution engine (the reference evaluator by default) on tensors read from
// .npy / .npz / raw files, and writes or prints the results. Also generates
// reproducible random input files (--make-input). docs/hwq-run.md.
//
//===----------------------------------------------------------------------===//

#include "hwq/Tools/ToolSupport.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/ExecutionEngine/Compare.h"
#include "hwq/ExecutionEngine/JitEngine.h"
#include "hwq/Import/ModelImport.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Engine.h"
#include "hwq/Runtime/CudaDriver.h"
#include "hwq/Codegen/NVIDIA/Passes.h"
#include "hwq/Runtime/TensorIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <functional>

using namespace mlir;
using namespace hwq;
using runtime::NamedTensor;
using runtime::Tensor;

namespace cl = llvm::cl;

static cl::OptionCategory runCategory("hwq-run options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.mlir | output file "
                                               "with --make-input>"),
                                      cl::init("-"), cl::cat(runCategory));

static cl::opt<std::string> functionName(
    "function",
    cl::desc("Function to run (default: @main, or the module's only "
             "function with a body)"),
    cl::value_desc("name"), cl::cat(runCategory));

static cl::list<std::string> inputs(
    "input",
    cl::desc("Input tensors, in argument order: FILE.npy (one tensor), "
             "FILE.npz (all its arrays, in archive order) or FILE:SHAPE:TYPE "
             "for a raw little-endian binary (e.g. x.bin:1x49x10x1:i8; types "
             "f16 f32 f64 i8 u8 i16 i32 i64). Repeatable"),
    cl::value_desc("spec"), cl::cat(runCategory));

static cl::list<std::string> outputs(
    "output",
    cl::desc("Where to write the results: one FILE.npz for all of them, or "
             "one .npy/.bin file per result (repeat the option)"),
    cl::value_desc("file"), cl::cat(runCategory));

static cl::opt<bool> printOutputs(
    "print",
    cl::desc("Print the results to stdout, one innermost row per line"),
    cl::cat(runCategory));

static cl::opt<std::string> engineName(
    "engine",
    cl::desc("Execution engine: 'reference' (the plain C++ evaluator, the "
             "numerics oracle; default) or 'jit' (compiled to native code, "
             "docs/HostExecution.md)"),
    cl::value_desc("name"), cl::init("reference"), cl::cat(runCategory));

static cl::opt<std::string> deviceName(
    "device",
    cl::desc("Where to run: 'host' (the --engine, default) or 'cuda' (the "
             "NVIDIA kernels of docs/NVIDIA.md on GPU 0, through the CUDA "
             "driver loaded at run time)"),
    cl::value_desc("name"), cl::init("host"), cl::cat(runCategory));

static cl::opt<unsigned>
    repeat("repeat", cl::desc("Run the function N times (default 1)"),
           cl::value_desc("N"), cl::init(1), cl::cat(runCategory));

static cl::opt<bool> bench(
    "bench",
    cl::desc("Print the median, minimum and maximum latency over --repeat "
             "runs (preparation excluded)"),
    cl::cat(runCategory));

static cl::opt<bool> roundEveryOp(
    "round-every-op",
    cl::desc("Reference engine: round float results of every op to their IR "
             "type (f32) instead of keeping double precision"),
    cl::cat(runCategory));

static cl::opt<std::string> expectFile(
    "expect",
    cl::desc("Compare the results with the tensors of FILE (.npz: one array "
             "per result in order, or .npy for a single result), e.g. another "
             "engine's --output; print one summary line per result and exit "
             "with status 1 on a mismatch"),
    cl::value_desc("file"), cl::cat(runCategory));

static cl::opt<double> relativeTolerance(
    "rtol",
    cl::desc("--expect: relative tolerance for float results (default 0)"),
    cl::init(0.0), cl::cat(runCategory));

static cl::opt<double> absoluteTolerance(
    "atol",
    cl::desc("--expect: absolute tolerance for float results (default 0); "
             "integer results must be equal"),
    cl::init(0.0), cl::cat(runCategory));

static cl::opt<std::string> makeInput(
    "make-input",
    cl::desc("Do not run anything: write a reproducible random tensor to the "
             "positional file (.npy, .npz or .bin). Spec SHAPE:TYPE:SEED or "
             "SHAPE:TYPE:SEED:LO:HI (defaults: floats in [-1, 1), 8-bit "
             "integers over their range, wider integers in [-128, 127])"),
    cl::value_desc("spec"), cl::cat(runCategory));

//===----------------------------------------------------------------------===//
// Engines
//===----------------------------------------------------------------------===//

namespace {
static cl::opt<std::string> codegenChoice(
    "codegen",
    cl::desc("JIT: code generator of int8 contractions: auto (x86 "
             "micro-kernels for x86 targets), x86, plain"),
    cl::init("auto"), cl::cat(runCategory));
static cl::opt<std::string> x86IsaChoice(
    "x86-isa",
    cl::desc("JIT: x86 micro-kernel instruction: auto, avx512-vnni, avx2, "
             "generic"),
    cl::init("auto"), cl::cat(runCategory));

/// One `--engine` choice. Add new engines to getEngines().
struct EngineEntry {
  llvm::StringRef name;
  std::function<std::unique_ptr<runtime::Engine>()> create;
};
} // namespace

static llvm::ArrayRef<EngineEntry> getEngines() {
  static const EngineEntry engines[] = {
      {"reference",
       [] {
         ref::EvaluateOptions options;
         options.roundEveryOp = roundEveryOp;
         return ref::createReferenceEngine(options);
       }},
      {"jit",
       [] {
         jit::JitOptions options;
         options.codegen = codegenChoice;
         options.x86Isa = x86IsaChoice;
         return jit::createJitEngine(options);
       }},
  };
  return engines;
}

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

static int fail(const llvm::Twine &message) {
  llvm::errs() << "hwq-run: error: " << message << "\n";
  return 1;
}

using hwq::tools::formatLocation;

/// Prints every diagnostic as one `hwq-run: <severity>: <loc>: <message>`
/// line.
static LogicalResult printDiagnostic(Diagnostic &diag) {
  auto print = [](DiagnosticSeverity severity, Location loc,
                  const std::string &message) {
    llvm::StringRef label = "error";
    if (severity == DiagnosticSeverity::Warning)
      label = "warning";
    else if (severity == DiagnosticSeverity::Note)
      label = "note";
    else if (severity == DiagnosticSeverity::Remark)
      label = "remark";
    llvm::errs() << "hwq-run: " << label << ": " << formatLocation(loc)
                 << message << "\n";
  };
  print(diag.getSeverity(), diag.getLocation(), diag.str());
  for (Diagnostic &note : diag.getNotes())
    print(note.getSeverity(), note.getLocation(), note.str());
  return success();
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

/// Prints `tensor`: a header line, then one line per innermost row:
/// `[i, j, :] v0 v1 ...`.
static void printTensor(llvm::raw_ostream &os, unsigned index,
                        const Tensor &tensor) {
  os << "output #" << index << ": " << tensor.describe() << "\n";
  llvm::ArrayRef<int64_t> shape = tensor.getShape();
  int64_t rowLength = shape.empty() ? 1 : shape.back();
  int64_t rows = rowLength == 0 ? 0 : tensor.getNumElements() / rowLength;
  const char *format = "%.9g";
  if (tensor.getKind() == runtime::ElementKind::F64)
    format = "%.17g";
  else if (tensor.getKind() == runtime::ElementKind::F16)
    format = "%.5g";
  llvm::SmallVector<int64_t> rowIndex(shape.empty() ? 0 : shape.size() - 1, 0);
  for (int64_t row = 0; row < rows; ++row) {
    os << "[";
    for (int64_t d : rowIndex)
      os << d << ", ";
    os << (shape.empty() ? "]" : ":]");
    for (int64_t i = 0; i < rowLength; ++i) {
      int64_t linear = row * rowLength + i;
      os << " ";
      if (runtime::isFloatKind(tensor.getKind()))
        os << llvm::format(format, tensor.getDouble(linear));
      else
        os << tensor.getInt(linear);
    }
    os << "\n";
    for (int64_t d = static_cast<int64_t>(rowIndex.size()) - 1; d >= 0; --d) {
      if (++rowIndex[d] < shape[d])
        break;
      rowIndex[d] = 0;
    }
  }
}

//===----------------------------------------------------------------------===//
// Modes
//===----------------------------------------------------------------------===//

/// --make-input=SHAPE:TYPE:SEED[:LO:HI] FILE
static int runMakeInput() {
  llvm::SmallVector<llvm::StringRef> parts;
  llvm::StringRef(makeInput).split(parts, ':');
  if (parts.size() != 3 && parts.size() != 5)
    return fail("--make-input expects SHAPE:TYPE:SEED or SHAPE:TYPE:SEED:LO:HI,"
                " got '" +
                makeInput + "'");
  std::optional<llvm::SmallVector<int64_t>> shape =
      runtime::parseShape(parts[0]);
  if (!shape)
    return fail("--make-input: malformed shape '" + parts[0] + "'");
  std::optional<runtime::ElementKind> kind =
      runtime::parseElementKind(parts[1]);
  if (!kind)
    return fail("--make-input: unknown element type '" + parts[1] +
                "' (expected f16, f32, f64, i8, u8, i16, i32 or i64)");
  uint64_t seed;
  if (parts[2].getAsInteger(10, seed))
    return fail("--make-input: malformed seed '" + parts[2] + "'");
  std::optional<double> lo, hi;
  if (parts.size() == 5) {
    double low, high;
    if (parts[3].getAsDouble(low) || parts[4].getAsDouble(high) || low > high)
      return fail("--make-input: malformed range '" + parts[3] + ":" +
                  parts[4] + "'");
    lo = low;
    hi = high;
  }
  if (inputFile == "-")
    return fail("--make-input needs an output file (the positional argument)");
  Tensor tensor = runtime::makeRandomTensor(*kind, *shape, seed, lo, hi);
  std::vector<NamedTensor> tensors;
  tensors.push_back({"x", std::move(tensor)});
  if (llvm::Error error = runtime::writeTensorsToPath(inputFile, tensors))
    return fail(llvm::toString(std::move(error)));
  return 0;
}

/// --expect=FILE: compares `results` with the tensors of FILE.
static int checkExpectations(llvm::ArrayRef<Tensor> results) {
  llvm::Expected<std::vector<NamedTensor>> expected =
      runtime::readTensorsFromSpec(expectFile);
  if (!expected)
    return fail(llvm::toString(expected.takeError()));
  if (expected->size() != results.size())
    return fail(llvm::formatv("--expect: {0} holds {1} tensor(s) for {2} "
                              "result(s)",
                              expectFile, expected->size(), results.size())
                    .str());
  bool mismatch = false;
  for (auto [i, result] : llvm::enumerate(results)) {
    const Tensor &reference = (*expected)[i].tensor;
    llvm::Expected<TensorComparison> comparison =
        compareTensors(result, reference, relativeTolerance, absoluteTolerance);
    if (!comparison)
      return fail(llvm::formatv("--expect: output #{0}: {1}", i,
                                llvm::toString(comparison.takeError()))
                      .str());
    llvm::outs() << llvm::formatv(
        "expect: output #{0}: {1} elements, {2} mismatches, max abs error "
        "{3:e2}, max rel error {4:e2}\n",
        i, comparison->numElements, comparison->numMismatches,
        comparison->maxAbsError, comparison->maxRelError);
    if (comparison->numMismatches) {
      int64_t at = comparison->firstMismatch;
      fail(llvm::formatv("output #{0} differs from {1}: {2} of {3} elements "
                         "outside rtol={4} atol={5}; first at linear index "
                         "{6}: got {7}, expected {8}",
                         i, expectFile, comparison->numMismatches,
                         comparison->numElements, relativeTolerance.getValue(),
                         absoluteTolerance.getValue(), at, result.getDouble(at),
                         reference.getDouble(at))
               .str());
      mismatch = true;
    }
  }
  return mismatch ? 1 : 0;
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

static int runModel() {
  // Engine first: an unknown name is a usage error.
  const EngineEntry *engineEntry = nullptr;
  std::string known;
  for (const EngineEntry &entry : getEngines()) {
    known += (known.empty() ? "" : ", ") + entry.name.str();
    if (entry.name == engineName)
      engineEntry = &entry;
  }
  if (!engineEntry)
    return fail("unknown engine '" + engineName + "' (available: " + known +
                ")");
  if (repeat == 0)
    return fail("--repeat must be at least 1");
  if (deviceName != "host" && deviceName != "cuda")
    return fail("unknown device '" + deviceName + "' (available: host, cuda)");
  // The GPU first: without a driver nothing else is worth doing.
  if (deviceName == "cuda") {
    llvm::Expected<runtime::CudaDriver *> driver = runtime::CudaDriver::load();
    if (!driver)
      return fail("--device=cuda: " + llvm::toString(driver.takeError()));
    llvm::errs() << "hwq-run: device: " << (*driver)->getDeviceName()
                 << " (compute capability "
                 << (*driver)->getComputeCapability() / 10 << "."
                 << (*driver)->getComputeCapability() % 10 << ")\n";
  }

  // Inputs.
  std::vector<NamedTensor> tensors;
  std::vector<std::string> labels;
  for (const std::string &spec : inputs) {
    llvm::Expected<std::vector<NamedTensor>> read =
        runtime::readTensorsFromSpec(spec);
    if (!read)
      return fail(llvm::toString(read.takeError()));
    for (NamedTensor &named : *read) {
      labels.push_back(read->size() > 1 ? spec + ":" + named.name : spec);
      tensors.push_back(std::move(named));
    }
  }

  // Module.
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<hwq::HwqDialect>();
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);
  context.getDiagEngine().registerHandler(printDiagnostic);

  std::string message;
  OwningOpRef<ModuleOp> module;
  llvm::SourceMgr sourceMgr;
  if (hwq::isImportableModelFile(inputFile)) {
    // A model file (.onnx, .tflite): imported to float TOSA.
    module = hwq::importModelFile(inputFile, &context);
  } else {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
        llvm::MemoryBuffer::getFileOrSTDIN(inputFile);
    if (!buffer)
      return fail("cannot open '" + inputFile +
                  "': " + buffer.getError().message());
    sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
  if (!module)
    return 1;
  func::FuncOp func = findFunction(*module);
  if (!func)
    return 1;

  // Inputs against the signature.
  FunctionType type = func.getFunctionType();
  if (tensors.size() != type.getNumInputs())
    return fail(llvm::formatv("@{0} takes {1} input(s), {2} given",
                              func.getSymName(), type.getNumInputs(),
                              tensors.size())
                    .str());
  for (auto [i, named] : llvm::enumerate(tensors))
    if (llvm::Error error =
            ref::checkTensorMatchesType(named.tensor, type.getInput(i)))
      return fail(formatLocation(func.getLoc()) + "input #" + llvm::Twine(i) +
                  " (" + labels[i] + "): " + llvm::toString(std::move(error)));

  std::unique_ptr<runtime::Engine> engine =
      deviceName == "cuda" ? nvidia::createCudaEngine() : engineEntry->create();
  if (failed(engine->prepare(func)))
    return 1;
  llvm::SmallVector<Tensor> arguments;
  for (NamedTensor &named : tensors)
    arguments.push_back(std::move(named.tensor));

  llvm::SmallVector<Tensor> results;
  std::vector<double> milliseconds;
  for (unsigned run = 0; run < repeat; ++run) {
    auto start = std::chrono::steady_clock::now();
    FailureOr<llvm::SmallVector<Tensor>> produced = engine->run(arguments);
    auto stop = std::chrono::steady_clock::now();
    if (failed(produced))
      return 1;
    milliseconds.push_back(
        std::chrono::duration<double, std::milli>(stop - start).count());
    results = std::move(*produced);
  }

  // Outputs.
  if (outputs.size() == 1) {
    std::vector<NamedTensor> named;
    for (auto [i, tensor] : llvm::enumerate(results))
      named.push_back({"output_" + std::to_string(i), tensor});
    if (llvm::Error error = runtime::writeTensorsToPath(outputs[0], named))
      return fail(llvm::toString(std::move(error)));
  } else if (!outputs.empty()) {
    if (outputs.size() != results.size())
      return fail(llvm::formatv("{0} --output files given for {1} results",
                                outputs.size(), results.size())
                      .str());
    for (auto [path, tensor] : llvm::zip(outputs, results)) {
      std::vector<NamedTensor> one;
      one.push_back({"output", tensor});
      if (llvm::Error error = runtime::writeTensorsToPath(path, one))
        return fail(llvm::toString(std::move(error)));
    }
  }
  if (printOutputs)
    for (auto [i, tensor] : llvm::enumerate(results))
      printTensor(llvm::outs(), i, tensor);
  if (!expectFile.empty())
    if (int status = checkExpectations(results))
      return status;
  if (bench) {
    std::vector<double> sorted = milliseconds;
    std::sort(sorted.begin(), sorted.end());
    size_t n = sorted.size();
    double median =
        n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    llvm::outs() << llvm::formatv(
        "bench: engine={0} function=@{1} runs={2} median={3:f4} ms "
        "min={4:f4} ms max={5:f4} ms\n",
        engine->getName(), func.getSymName(), n, median, sorted.front(),
        sorted.back());
  }
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "hwq-run: run a function of an MLIR module on tensor files\n\n"
      "  hwq-run model.mlir --input x.npy --output y.npy\n"
      "  hwq-run model.mlir --function f --input a.npy --input b.bin:2x8:i8 "
      "--print\n"
      "  hwq-run model.mlir --input x.npz --repeat 20 --bench\n"
      "  hwq-run --make-input=1x49x10x1:i8:7 x.npy\n\n"
      "Inputs are checked against the function signature (count, shape, "
      "element type).\nErrors print one 'hwq-run: error: ...' line and exit "
      "with status 1.\n");
  if (!makeInput.empty())
    return runMakeInput();
  return runModel();
}
