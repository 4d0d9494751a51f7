//===- CollectStatistics.cpp - run the float model over a dataset ---------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-calibrate's measuring step: every sample of the calibration range goes
// through the reference evaluator (uncalibrated sim_quantize ops are
// identities, so this is the float model), and an evaluator observer feeds
// the input of every activation and output sim_quantize into that edge's
// statistics. Samples are processed one after the other in dataset order, so
// the statistics (histogram bin widths included) are the same on every run.
//
// With engine=jit the same values come from a compiled clone of the function:
// its sim_quantize ops are removed (they are identities) and it returns, in
// place of its own results, every value an edge observes; it is compiled
// once by the host JIT and its results feed the same statistics code.
//
//===----------------------------------------------------------------------===//

#include "CalibrateImpl.h"

#include "hwq/ExecutionEngine/JitEngine.h"
#include "hwq/Reference/Evaluator.h"
#include "hwq/Runtime/Dataset.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace mlir;
using namespace hwq;
using namespace hwq::calibrate;

/// The kind and shape of every argument of `func`.
static FailureOr<SmallVector<runtime::InputSignature>>
getSignature(func::FuncOp func) {
  SmallVector<runtime::InputSignature> signature;
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    FailureOr<runtime::ElementKind> kind =
        tensorType ? ref::getRuntimeElementKind(tensorType.getElementType())
                   : FailureOr<runtime::ElementKind>(failure());
    if (failed(kind) || !tensorType.hasStaticShape())
      return func.emitError("hwq-calibrate: argument #")
             << i << " of type " << type
             << " cannot be fed from a dataset (static tensors of f16, f32, "
                "f64 or integers needed)";
    signature.push_back(
        {*kind, llvm::SmallVector<int64_t, 4>(tensorType.getShape())});
  }
  return signature;
}

namespace {
/// The float model compiled by the JIT: a clone of the calibrated function
/// without sim_quantize ops that returns every observed value.
struct JitModel {
  /// Where an edge's observed value comes from.
  struct Source {
    /// An argument of the function (the sample's input), or a result of the
    /// compiled clone.
    bool isArgument = false;
    unsigned index = 0;
  };
  /// The module holding the clone, kept for the lifetime of the code.
  OwningOpRef<ModuleOp> module;
  /// Null when every edge observes an argument.
  std::unique_ptr<jit::CompiledFunction> compiled;
  /// One per edge, in edge order.
  SmallVector<Source> sources;
};
} // namespace

/// Builds and compiles the observing clone of `func` (see the file comment).
static FailureOr<JitModel> buildJitModel(func::FuncOp func,
                                         const EdgeSet &edges) {
  auto parent = func->getParentOfType<ModuleOp>();
  if (!parent)
    return func.emitError("hwq-calibrate: engine=jit needs the function "
                          "inside a module");
  JitModel model;
  IRMapping mapping;
  model.module = OwningOpRef<ModuleOp>(cast<ModuleOp>(parent->clone(mapping)));
  auto clone = model.module->lookupSymbol<func::FuncOp>(func.getSymName());
  if (!clone || !clone.getBody().hasOneBlock())
    return func.emitError("hwq-calibrate: engine=jit needs a function body "
                          "of one block");
  Block &body = clone.getBody().front();

  // The value each edge observes: its sim_quantize's input in the clone,
  // looking through sim_quantize ops (identities while uncalibrated).
  SmallVector<Value> returned;
  DenseMap<Value, unsigned> slots;
  for (const Edge &edge : edges.edges) {
    SimQuantizeOp op = edge.op;
    Value value = mapping.lookupOrNull(op.getInput());
    if (!value)
      return op.emitOpError("hwq-calibrate: engine=jit could not find "
                            "the edge in the clone of the function");
    while (auto producer = value.getDefiningOp<SimQuantizeOp>())
      value = producer.getInput();
    auto argument = dyn_cast<BlockArgument>(value);
    if (argument && argument.getOwner() == &body) {
      model.sources.push_back({true, argument.getArgNumber()});
      continue;
    }
    auto [it, inserted] = slots.try_emplace(value, returned.size());
    if (inserted)
      returned.push_back(value);
    model.sources.push_back({false, it->second});
  }

  // Remove every sim_quantize, then return the observed values.
  SmallVector<SimQuantizeOp> simQuantizeOps;
  clone.walk([&](SimQuantizeOp op) { simQuantizeOps.push_back(op); });
  for (SimQuantizeOp op : simQuantizeOps) {
    op.getOutput().replaceAllUsesWith(op.getInput());
    op.erase();
  }
  auto terminator = dyn_cast<func::ReturnOp>(body.getTerminator());
  if (!terminator)
    return func.emitError("hwq-calibrate: engine=jit needs a function that "
                          "ends in func.return");
  terminator->setOperands(returned);
  clone.setType(FunctionType::get(clone.getContext(), clone.getArgumentTypes(),
                                  ValueRange(returned).getTypes()));
  clone->removeAttr(clone.getResAttrsAttrName());
  if (returned.empty())
    return model;

  FailureOr<std::unique_ptr<jit::CompiledFunction>> compiled =
      jit::CompiledFunction::compile(clone);
  if (failed(compiled))
    return func.emitError("hwq-calibrate: compiling the float model with "
                          "the JIT (engine=jit) failed");
  model.compiled = std::move(*compiled);
  return model;
}

FailureOr<StatisticsTable>
calibrate::collectStatistics(func::FuncOp func, const EdgeSet &edges,
                             const CollectOptions &options) {
  llvm::Expected<runtime::Dataset> dataset =
      runtime::Dataset::open(options.dataSpec);
  if (!dataset)
    return func.emitError("hwq-calibrate: ")
           << llvm::toString(dataset.takeError());
  llvm::Expected<runtime::SampleRange> range =
      runtime::parseSampleRange(options.range, dataset->size());
  if (!range)
    return func.emitError("hwq-calibrate: ")
           << llvm::toString(range.takeError());
  FailureOr<SmallVector<runtime::InputSignature>> signature =
      getSignature(func);
  if (failed(signature))
    return failure();

  // Which edges observe which value.
  size_t count = edges.edges.size();
  std::vector<TensorStatistics> tensors(count, TensorStatistics(options.bins));
  std::vector<std::optional<ChannelStatistics>> channels(count);
  DenseMap<Value, SmallVector<unsigned, 1>> observers;
  for (auto [i, edge] : llvm::enumerate(edges.edges)) {
    SimQuantizeOp op = edge.op;
    observers[op.getInput()].push_back(i);
    auto type = cast<RankedTensorType>(op.getInput().getType());
    if (options.channelStats && type.getRank() > 0)
      channels[i].emplace(type.getRank() - 1);
  }

  std::vector<float> buffer;
  std::optional<std::string> observeError;
  // Feeds one observed tensor into the statistics of edge `i`.
  // `values` is an ArrayRef of double (reference) or float (JIT, f32).
  auto observeEdge = [&](unsigned i, ArrayRef<int64_t> shape, auto values) {
    const Edge &edge = edges.edges[i];
    buffer.resize(values.size());
    if (edge.clamp) {
      // NaN stays NaN (both comparisons are false) and is counted as
      // non-finite by the statistics.
      auto [lo, hi] = *edge.clamp;
      for (size_t k = 0; k < values.size(); ++k) {
        double x = values[k];
        buffer[k] = static_cast<float>(x < lo ? lo : (x > hi ? hi : x));
      }
    } else {
      for (size_t k = 0; k < values.size(); ++k)
        buffer[k] = static_cast<float>(values[k]);
    }
    tensors[i].observe(buffer);
    if (channels[i])
      if (llvm::Error error = channels[i]->observe(buffer, shape))
        if (!observeError)
          observeError = edge.name + ": " + llvm::toString(std::move(error));
  };
  ref::EvaluateOptions evaluateOptions;
  evaluateOptions.observer = [&](Value value, ArrayRef<int64_t> shape,
                                 ArrayRef<double> values) {
    auto it = observers.find(value);
    if (it == observers.end())
      return;
    for (unsigned i : it->second)
      observeEdge(i, shape, ArrayRef<double>(values));
  };

  // The engine: the reference evaluator with the observer, or the JIT
  // clone whose results are fed to observeEdge after each run.
  std::unique_ptr<runtime::Engine> engine;
  std::optional<JitModel> jitModel;
  if (options.engine == CollectEngine::Jit) {
    FailureOr<JitModel> model = buildJitModel(func, edges);
    if (failed(model))
      return failure();
    jitModel = std::move(*model);
  } else {
    engine = ref::createReferenceEngine(evaluateOptions);
    if (failed(engine->prepare(func)))
      return failure();
  }
  std::vector<double> values;
  auto runJit = [&](ArrayRef<runtime::Tensor> inputs) -> llvm::Error {
    SmallVector<runtime::Tensor> results;
    if (jitModel->compiled) {
      llvm::Expected<SmallVector<runtime::Tensor>> ran =
          jitModel->compiled->run(inputs);
      if (!ran)
        return ran.takeError();
      results = std::move(*ran);
    }
    for (auto [i, source] : llvm::enumerate(jitModel->sources)) {
      const runtime::Tensor &tensor =
          source.isArgument ? inputs[source.index] : results[source.index];
      if (tensor.getKind() == runtime::ElementKind::F32) {
        ArrayRef<uint8_t> bytes = tensor.getBytes();
        observeEdge(
            i, tensor.getShape(),
            ArrayRef<float>(reinterpret_cast<const float *>(bytes.data()),
                            tensor.getNumElements()));
        continue;
      }
      values.resize(tensor.getNumElements());
      for (int64_t k = 0, e = tensor.getNumElements(); k < e; ++k)
        values[k] = tensor.getDouble(k);
      observeEdge(i, tensor.getShape(), ArrayRef<double>(values));
    }
    return llvm::Error::success();
  };

  auto start = std::chrono::steady_clock::now();
  size_t total = range->size();
  size_t reportedTenths = 0;
  for (size_t index = range->begin; index < range->end; ++index) {
    llvm::Expected<runtime::Sample> sample = dataset->getSample(index);
    if (!sample)
      return func.emitError("hwq-calibrate: ")
             << llvm::toString(sample.takeError());
    if (llvm::Error error = runtime::conformSample(*sample, *signature))
      return func.emitError("hwq-calibrate: ")
             << llvm::toString(std::move(error));
    if (jitModel) {
      if (llvm::Error error = runJit(sample->inputs))
        return func.emitError("hwq-calibrate: running sample ")
               << index << " (" << sample->name
               << ") with the JIT failed: " << llvm::toString(std::move(error));
    } else if (failed(engine->run(sample->inputs))) {
      return func.emitError("hwq-calibrate: evaluating sample ")
             << index << " (" << sample->name << ") failed";
    }
    if (observeError)
      return func.emitError("hwq-calibrate: ") << *observeError;
    size_t done = index - range->begin + 1;
    if (options.progress &&
        (done * 10 / total > reportedTenths || done == total)) {
      reportedTenths = done * 10 / total;
      double seconds = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - start)
                           .count();
      llvm::errs() << llvm::formatv("calibrate: {0}/{1} samples, {2:f1} s\n",
                                    done, total, seconds);
    }
  }

  StatisticsTable table;
  for (auto [i, edge] : llvm::enumerate(edges.edges)) {
    EdgeStatistics &entry = table.getOrCreate(edge.name);
    entry.tensor = std::move(tensors[i]);
    entry.channels = std::move(channels[i]);
  }
  return table;
}
