//===- hwq-eval.cpp - accuracy of a model on a labelled dataset -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Runs one function of a module (with an execution engine, the reference
// evaluator by default) on every sample of a dataset range, and reports the
// top-k accuracy against the labels (the argmax of the first result is the
// predicted class) and, with --compare, the top-1 agreement with a second
// model (float vs simulated). Also writes small .npy files from text
// (--write-npy), which the lit tests use to build datasets. docs/hwq-eval.md.
//
//===----------------------------------------------------------------------===//

#include "hwq/Tools/ToolSupport.h"
#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Import/ModelImport.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Dataset.h"
#include "hwq/Runtime/Engine.h"
#include "hwq/Runtime/TensorIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <numeric>

using namespace mlir;
using namespace hwq;
using runtime::Tensor;

namespace cl = llvm::cl;

static cl::OptionCategory evalCategory("hwq-eval options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.mlir | output .npy "
                                               "file with --write-npy>"),
                                      cl::Required, cl::cat(evalCategory));

static cl::opt<std::string> dataSpec(
    "data",
    cl::desc("Dataset spec: [KIND:]PATH[:KEY=VALUE]..., e.g. kws01:DIR, "
             "npy:x.npy:labels=y.csv (docs/Calibration.md)"),
    cl::value_desc("spec"), cl::cat(evalCategory));

static cl::opt<std::string>
    sampleRange("range",
                cl::desc("Samples to evaluate: A:B (A to B-1), A:, :B; default "
                         "all"),
                cl::value_desc("A:B"), cl::cat(evalCategory));

static cl::opt<std::string> functionName(
    "function",
    cl::desc("Function to run in every model (default: @main, or the "
             "module's only public function with a body)"),
    cl::value_desc("name"), cl::cat(evalCategory));

static cl::opt<unsigned>
    topK("top-k",
         cl::desc("A sample is correct when its label is among the K largest "
                  "scores (default 1)"),
         cl::value_desc("K"), cl::init(1), cl::cat(evalCategory));

static cl::opt<std::string>
    compareFile("compare",
                cl::desc("Second model: also report its accuracy and the top-1 "
                         "agreement of the two models"),
                cl::value_desc("other.mlir"), cl::cat(evalCategory));

static cl::opt<double> maxDrop(
    "max-drop",
    cl::desc("With --compare and labels: exit with an error when the "
             "model's accuracy is more than POINTS percentage points below "
             "the compared model's (a quality gate, e.g. 1.0)"),
    cl::value_desc("POINTS"), cl::init(-1.0), cl::cat(evalCategory));

static cl::opt<std::string>
    jsonFile("json", cl::desc("Also write the results as JSON to this file"),
             cl::value_desc("file"), cl::cat(evalCategory));

static cl::opt<std::string> engineName(
    "engine",
    cl::desc("Execution engine: 'reference' (the plain C++ evaluator; "
             "default)"),
    cl::value_desc("name"), cl::init("reference"), cl::cat(evalCategory));

static cl::opt<unsigned> threadCount(
    "jobs",
    cl::desc("Evaluate samples on N threads (default 1; 0 = one per core). "
             "Results do not depend on N"),
    cl::value_desc("N"), cl::init(1), cl::cat(evalCategory));

static cl::opt<bool> progress(
    "progress",
    cl::desc("Print progress on stderr (default: when stderr is a terminal)"),
    cl::cat(evalCategory));

static cl::opt<std::string> writeNpy(
    "write-npy",
    cl::desc("Do not evaluate anything: read numbers (separated by "
             "whitespace or commas) from stdin and write them as a .npy "
             "tensor of SHAPE:TYPE (e.g. 4x1x3:f32) to the positional file"),
    cl::value_desc("SHAPE:TYPE"), cl::cat(evalCategory));

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

static int fail(const llvm::Twine &message) {
  llvm::errs() << "hwq-eval: error: " << message << "\n";
  return 1;
}

using hwq::tools::formatLocation;

/// Prints every diagnostic as `hwq-eval: <severity>: <loc>: <message>`.
static LogicalResult printDiagnostic(Diagnostic &diag) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  auto print = [](DiagnosticSeverity severity, Location loc,
                  const std::string &message) {
    StringRef label = "error";
    if (severity == DiagnosticSeverity::Warning)
      label = "warning";
    else if (severity == DiagnosticSeverity::Note)
      label = "note";
    else if (severity == DiagnosticSeverity::Remark)
      label = "remark";
    llvm::errs() << "hwq-eval: " << label << ": " << formatLocation(loc)
                 << message << "\n";
  };
  print(diag.getSeverity(), diag.getLocation(), diag.str());
  for (Diagnostic &note : diag.getNotes())
    print(note.getSeverity(), note.getLocation(), note.str());
  return success();
}

//===----------------------------------------------------------------------===//
// --write-npy
//===----------------------------------------------------------------------===//

static int runWriteNpy() {
  auto [shapeText, kindText] = StringRef(writeNpy).rsplit(':');
  std::optional<SmallVector<int64_t>> shape = runtime::parseShape(shapeText);
  std::optional<runtime::ElementKind> kind =
      runtime::parseElementKind(kindText);
  if (!shape || !kind || kindText.size() == writeNpy.size())
    return fail("--write-npy expects SHAPE:TYPE (e.g. 4x3:f32), got '" +
                writeNpy + "'");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getSTDIN();
  if (!buffer)
    return fail("cannot read stdin: " + buffer.getError().message());
  SmallVector<StringRef> tokens;
  StringRef text = (*buffer)->getBuffer();
  while (!text.empty()) {
    text = text.ltrim(" \t\r\n,");
    if (text.empty())
      break;
    size_t end = text.find_first_of(" \t\r\n,");
    tokens.push_back(text.take_front(end));
    text = text.drop_front(std::min(end, text.size()));
  }
  Tensor tensor(*kind, *shape);
  if (static_cast<int64_t>(tokens.size()) != tensor.getNumElements())
    return fail(llvm::formatv("--write-npy: {0} numbers on stdin, shape {1} "
                              "needs {2}",
                              tokens.size(), shapeText, tensor.getNumElements())
                    .str());
  for (auto [i, token] : llvm::enumerate(tokens)) {
    double value;
    if (token.getAsDouble(value))
      return fail("--write-npy: '" + token + "' is not a number");
    tensor.setDouble(static_cast<int64_t>(i), value);
  }
  if (llvm::Error error = runtime::writeNpy(inputFile, tensor))
    return fail(llvm::toString(std::move(error)));
  return 0;
}

//===----------------------------------------------------------------------===//
// Models
//===----------------------------------------------------------------------===//

namespace {
/// One model under evaluation.
struct Model {
  std::string file;
  OwningOpRef<ModuleOp> module;
  func::FuncOp func;
  SmallVector<runtime::InputSignature> signature;
  /// Per sample: the predicted class (argmax) and whether the label is in
  /// the top k.
  std::vector<int64_t> predictions;
  std::vector<char> correct;
};

/// One `--engine` choice.
struct EngineEntry {
  StringRef name;
  std::function<std::unique_ptr<runtime::Engine>()> create;
};
} // namespace

static ArrayRef<EngineEntry> getEngines() {
  static const EngineEntry engines[] = {
      {"reference", [] { return ref::createReferenceEngine(); }},
  };
  return engines;
}

/// Parses `file` and finds the function to run.
static LogicalResult loadModel(MLIRContext &context, Model &model) {
  if (isImportableModelFile(model.file)) {
    // A model file (.onnx, .tflite): imported to float TOSA.
    model.module = importModelFile(model.file, &context);
  } else {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
        llvm::MemoryBuffer::getFileOrSTDIN(model.file);
    if (!buffer) {
      fail("cannot open '" + model.file + "': " + buffer.getError().message());
      return failure();
    }
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
    model.module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
  if (!model.module)
    return failure();
  ModuleOp module = *model.module;
  if (!functionName.empty()) {
    model.func = module.lookupSymbol<func::FuncOp>(functionName);
    if (!model.func || model.func.isExternal()) {
      fail(model.file + ": no function @" + functionName + " with a body");
      return failure();
    }
  } else if (auto main = module.lookupSymbol<func::FuncOp>("main");
             main && !main.isExternal()) {
    model.func = main;
  } else {
    SmallVector<func::FuncOp> candidates;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        candidates.push_back(func);
    if (candidates.size() != 1) {
      fail(model.file + (candidates.empty()
                             ? ": no public function with a body"
                             : ": several public functions; choose one with "
                               "--function"));
      return failure();
    }
    model.func = candidates.front();
  }
  func::FuncOp func = model.func;
  if (func.getNumResults() == 0) {
    fail(formatLocation(func.getLoc()) + "@" + func.getSymName() +
         " returns nothing; hwq-eval classifies by its first result");
    return failure();
  }
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    FailureOr<runtime::ElementKind> kind =
        tensorType ? ref::getRuntimeElementKind(tensorType.getElementType())
                   : FailureOr<runtime::ElementKind>(failure());
    if (failed(kind) || !tensorType.hasStaticShape()) {
      std::string typeText;
      llvm::raw_string_ostream os(typeText);
      os << type;
      fail(formatLocation(func.getLoc()) + "argument #" + Twine(i) + " of @" +
           func.getSymName() + " has type " + typeText +
           ", which a dataset cannot feed");
      return failure();
    }
    model.signature.push_back(
        {*kind, SmallVector<int64_t, 4>(tensorType.getShape())});
  }
  return success();
}

/// The indices of the `k` largest scores, largest first (ties: lower index
/// first).
static SmallVector<int64_t> topIndices(const Tensor &scores, unsigned k) {
  SmallVector<int64_t> order(scores.getNumElements());
  std::iota(order.begin(), order.end(), 0);
  size_t count = std::min<size_t>(k, order.size());
  std::partial_sort(order.begin(), order.begin() + count, order.end(),
                    [&](int64_t a, int64_t b) {
                      double x = scores.getDouble(a), y = scores.getDouble(b);
                      return x > y || (x == y && a < b);
                    });
  order.resize(count);
  return order;
}

//===----------------------------------------------------------------------===//
// Evaluation
//===----------------------------------------------------------------------===//

/// `text` padded with spaces to `width` characters.
static std::string padRight(StringRef text, size_t width) {
  std::string result = text.str();
  if (result.size() < width)
    result.append(width - result.size(), ' ');
  return result;
}

static std::string percent(size_t part, size_t whole) {
  return llvm::formatv("{0:f2}%", 100.0 * part / whole).str();
}

static int runEval() {
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
  if (dataSpec.empty())
    return fail("no dataset: give --data=SPEC");
  if (topK == 0)
    return fail("--top-k must be at least 1");
  if (maxDrop.getNumOccurrences() && (compareFile.empty() || maxDrop < 0))
    return fail("--max-drop needs --compare and a non-negative number of "
                "points");

  llvm::Expected<runtime::Dataset> dataset = runtime::Dataset::open(dataSpec);
  if (!dataset)
    return fail(llvm::toString(dataset.takeError()));
  llvm::Expected<runtime::SampleRange> range =
      runtime::parseSampleRange(sampleRange, dataset->size());
  if (!range)
    return fail(llvm::toString(range.takeError()));
  if (!dataset->hasLabels() && compareFile.empty())
    return fail("the dataset has no labels; give labels=FILE in the spec, or "
                "--compare=OTHER to measure agreement only");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<hwq::HwqDialect>();
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  context.getDiagEngine().registerHandler(printDiagnostic);

  std::vector<Model> models(compareFile.empty() ? 1 : 2);
  models[0].file = inputFile;
  if (!compareFile.empty())
    models[1].file = compareFile;
  for (Model &model : models) {
    if (failed(loadModel(context, model)))
      return 1;
    model.predictions.assign(range->size(), -1);
    model.correct.assign(range->size(), 0);
  }

  // One engine per model and thread, prepared up front.
  unsigned threads = threadCount == 0
                         ? llvm::hardware_concurrency().compute_thread_count()
                         : threadCount.getValue();
  threads = std::max(1u, std::min<unsigned>(threads, range->size()));
  std::vector<std::vector<std::unique_ptr<runtime::Engine>>> engines(threads);
  for (auto &perThread : engines)
    for (Model &model : models) {
      perThread.push_back(engineEntry->create());
      if (failed(perThread.back()->prepare(model.func)))
        return 1;
    }

  bool showProgress = progress || llvm::errs().is_displayed();
  auto start = std::chrono::steady_clock::now();
  std::atomic<size_t> done{0};
  std::atomic<bool> failedAny{false};
  std::mutex reportMutex;
  size_t reportedTenths = 0;
  std::string firstError;
  size_t firstErrorIndex = SIZE_MAX;
  size_t total = range->size();

  auto recordError = [&](size_t index, std::string message) {
    std::lock_guard<std::mutex> lock(reportMutex);
    failedAny = true;
    if (index < firstErrorIndex) {
      firstErrorIndex = index;
      firstError = std::move(message);
    }
  };
  auto evaluateSample = [&](unsigned thread, size_t position) {
    size_t index = range->begin + position;
    llvm::Expected<runtime::Sample> sample = dataset->getSample(index);
    if (!sample)
      return recordError(index, llvm::toString(sample.takeError()));
    for (auto [m, model] : llvm::enumerate(models)) {
      runtime::Sample copy = *sample;
      if (llvm::Error error = runtime::conformSample(copy, model.signature))
        return recordError(index, model.file + ": " +
                                      llvm::toString(std::move(error)));
      FailureOr<SmallVector<Tensor>> outputs =
          engines[thread][m]->run(copy.inputs);
      if (failed(outputs))
        return recordError(index, llvm::formatv("{0}: evaluating sample {1} "
                                                "({2}) failed",
                                                model.file, index, copy.name)
                                      .str());
      SmallVector<int64_t> top = topIndices(outputs->front(), topK);
      model.predictions[position] = top.empty() ? -1 : top.front();
      model.correct[position] =
          copy.label && llvm::is_contained(top, *copy.label);
    }
    size_t finished = ++done;
    if (showProgress) {
      std::lock_guard<std::mutex> lock(reportMutex);
      if (finished * 10 / total > reportedTenths) {
        reportedTenths = finished * 10 / total;
        double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
        llvm::errs() << llvm::formatv("eval: {0}/{1} samples, {2:f1} s\n",
                                      finished, total, seconds);
      }
    }
  };

  if (threads == 1) {
    for (size_t position = 0; position < total && !failedAny; ++position)
      evaluateSample(0, position);
  } else {
    llvm::DefaultThreadPool pool(llvm::hardware_concurrency(threads));
    std::atomic<size_t> next{0};
    for (unsigned t = 0; t < threads; ++t)
      pool.async([&, t] {
        for (size_t position = next++; position < total && !failedAny;
             position = next++)
          evaluateSample(t, position);
      });
    pool.wait();
  }
  if (failedAny)
    return fail(firstError);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  // Report.
  bool labelled = dataset->hasLabels();
  std::vector<size_t> correctCounts;
  for (Model &model : models)
    correctCounts.push_back(
        std::count(model.correct.begin(), model.correct.end(), 1));
  size_t agree = 0;
  if (models.size() == 2)
    for (size_t i = 0; i < total; ++i)
      agree += models[0].predictions[i] == models[1].predictions[i];

  llvm::raw_ostream &os = llvm::outs();
  os << "dataset: " << dataset->describe() << "\n";
  os << llvm::formatv("samples: {0} ({1}:{2})\n", total, range->begin,
                      range->end);
  size_t width = std::string("agreement").size();
  for (Model &model : models)
    width =
        std::max(width, model.file.size() + model.func.getSymName().size() + 2);
  std::string column = "top-" + std::to_string(topK);
  os << llvm::formatv("{0} {1}\n", padRight("model", width), column);
  for (auto [model, correct] : llvm::zip(models, correctCounts)) {
    std::string name = model.file + " @" + model.func.getSymName().str();
    std::string value = labelled ? llvm::formatv("{0}/{1} = {2}", correct,
                                                 total, percent(correct, total))
                                       .str()
                                 : std::string("- (no labels)");
    os << llvm::formatv("{0} {1}\n", padRight(name, width), value);
  }
  // Accuracy drop of the model against the compared one, in points.
  std::optional<double> drop;
  if (models.size() == 2 && labelled)
    drop = 100.0 *
           (static_cast<double>(correctCounts[1]) -
            static_cast<double>(correctCounts[0])) /
           total;
  if (models.size() == 2)
    os << llvm::formatv("{0} {1}/{2} = {3} (top-1)\n",
                        padRight("agreement", width), agree, total,
                        percent(agree, total));
  if (drop)
    os << llvm::formatv("{0} {1:f2} points\n", padRight("drop", width), *drop);
  if (showProgress)
    llvm::errs() << llvm::formatv("eval: {0} samples in {1:f1} s\n", total,
                                  seconds);

  if (!jsonFile.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream file(jsonFile, ec, llvm::sys::fs::OF_Text);
    if (ec)
      return fail("cannot write '" + jsonFile + "': " + ec.message());
    llvm::json::Array modelArray;
    for (auto [model, correct] : llvm::zip(models, correctCounts)) {
      llvm::json::Object entry{{"file", model.file},
                               {"function", model.func.getSymName().str()}};
      if (labelled) {
        entry["correct"] = static_cast<int64_t>(correct);
        entry["accuracy"] = static_cast<double>(correct) / total;
      }
      modelArray.push_back(std::move(entry));
    }
    llvm::json::Object root{
        {"dataset", dataSpec.getValue()},
        {"description", dataset->describe()},
        {"range",
         llvm::json::Object{{"begin", static_cast<int64_t>(range->begin)},
                            {"end", static_cast<int64_t>(range->end)}}},
        {"samples", static_cast<int64_t>(total)},
        {"top_k", static_cast<int64_t>(topK)},
        {"labelled", labelled},
        {"models", std::move(modelArray)}};
    if (drop)
      root["drop_points"] = *drop;
    if (models.size() == 2)
      root["agreement"] =
          llvm::json::Object{{"count", static_cast<int64_t>(agree)},
                             {"rate", static_cast<double>(agree) / total}};
    file << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
    if (file.has_error())
      return fail("cannot write '" + jsonFile + "'");
  }
  if (maxDrop.getNumOccurrences()) {
    if (!drop)
      return fail("--max-drop needs labels");
    if (*drop > maxDrop)
      return fail(llvm::formatv("accuracy drop of {0:f2} points exceeds "
                                "--max-drop={1:f2}",
                                *drop, maxDrop.getValue())
                      .str());
  }
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(evalCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "hwq-eval: top-k accuracy of a model on a labelled dataset, and "
      "agreement between two models\n");
  if (!writeNpy.empty())
    return runWriteNpy();
  return runEval();
}
