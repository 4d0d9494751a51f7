//===- Evaluation.cpp - fast evaluation of simulated graphs ---------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Builds the parametric clone of a simulated function (Evaluation.h), compiles
// it once with the host JIT and runs it on (candidate, sample block) tasks
// with an llvm::StdThreadPool.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Evaluation.h"

#include "hwq/Reference/Evaluator.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>

using namespace mlir;
using namespace hwq;
using namespace hwq::search;

FailureOr<SampleSet> search::loadSamples(func::FuncOp func, StringRef spec,
                                         StringRef rangeText) {
  llvm::Expected<runtime::Dataset> dataset = runtime::Dataset::open(spec);
  if (!dataset)
    return func.emitError("hwq-search: ")
           << llvm::toString(dataset.takeError());
  llvm::Expected<runtime::SampleRange> range =
      runtime::parseSampleRange(rangeText, dataset->size());
  if (!range)
    return func.emitError("hwq-search: ") << llvm::toString(range.takeError());
  SmallVector<runtime::InputSignature> signature;
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    FailureOr<runtime::ElementKind> kind =
        tensorType ? ref::getRuntimeElementKind(tensorType.getElementType())
                   : FailureOr<runtime::ElementKind>(failure());
    if (failed(kind) || !tensorType.hasStaticShape())
      return func.emitError("hwq-search: argument #")
             << i << " of type " << type << " cannot be fed from a dataset";
    signature.push_back(
        {*kind, llvm::SmallVector<int64_t, 4>(tensorType.getShape())});
  }
  SampleSet samples;
  bool labels = dataset->hasLabels();
  for (size_t index = range->begin; index < range->end; ++index) {
    llvm::Expected<runtime::Sample> sample = dataset->getSample(index);
    if (!sample)
      return func.emitError("hwq-search: ")
             << llvm::toString(sample.takeError());
    if (llvm::Error error = runtime::conformSample(*sample, signature))
      return func.emitError("hwq-search: ") << llvm::toString(std::move(error));
    samples.inputs.push_back(std::move(sample->inputs));
    if (labels)
      samples.labels.push_back(*sample->label);
  }
  return samples;
}

ParametricModel::~ParametricModel() = default;

double ParametricModel::getCompileSeconds() const {
  return compiled ? compiled->getCompileSeconds() : 0.0;
}

/// Clones the module of `func`; returns the clone of `func`.
static FailureOr<func::FuncOp> cloneFunction(func::FuncOp func,
                                             OwningOpRef<ModuleOp> &module) {
  auto parent = func->getParentOfType<ModuleOp>();
  if (!parent)
    return func.emitError("hwq-search: the function must be inside a module");
  module = OwningOpRef<ModuleOp>(cast<ModuleOp>(parent->clone()));
  auto clone = module->lookupSymbol<func::FuncOp>(func.getSymName());
  if (!clone || !clone.getBody().hasOneBlock())
    return func.emitError("hwq-search: the function needs a body of one "
                          "block");
  return clone;
}

/// Compiles `clone` (its arguments and results as its block and terminator
/// say).
static LogicalResult finishClone(func::FuncOp clone) {
  Block &body = clone.getBody().front();
  clone.setType(FunctionType::get(clone.getContext(), body.getArgumentTypes(),
                                  clone.getResultTypes()));
  clone->removeAttr(clone.getArgAttrsAttrName());
  clone->removeAttr(clone.getResAttrsAttrName());
  return success();
}

FailureOr<std::unique_ptr<ParametricModel>>
ParametricModel::buildFloat(func::FuncOp func, const jit::JitOptions &options) {
  std::unique_ptr<ParametricModel> model(new ParametricModel());
  FailureOr<func::FuncOp> clone = cloneFunction(func, model->module);
  if (failed(clone))
    return failure();
  SmallVector<SimQuantizeOp> ops;
  clone->walk([&](SimQuantizeOp op) { ops.push_back(op); });
  for (SimQuantizeOp op : ops) {
    op.getOutput().replaceAllUsesWith(op.getInput());
    op.erase();
  }
  (void)finishClone(*clone);
  model->numInputs = clone->getNumArguments();
  FailureOr<std::unique_ptr<jit::CompiledFunction>> compiled =
      jit::CompiledFunction::compile(*clone, options);
  if (failed(compiled))
    return func.emitError("hwq-search: compiling the float model failed");
  model->compiled = std::move(*compiled);
  return model;
}

FailureOr<std::unique_ptr<ParametricModel>>
ParametricModel::build(func::FuncOp func, const jit::JitOptions &options) {
  std::unique_ptr<ParametricModel> model(new ParametricModel());
  SmallVector<SimQuantizeOp> originals;
  func.walk([&](SimQuantizeOp op) { originals.push_back(op); });
  FailureOr<func::FuncOp> clone = cloneFunction(func, model->module);
  if (failed(clone))
    return failure();
  SmallVector<SimQuantizeOp> ops;
  clone->walk([&](SimQuantizeOp op) { ops.push_back(op); });
  if (ops.size() != originals.size())
    return func.emitError("hwq-search: sim_quantize ops outside the "
                          "function body cannot be parameterized");
  Block &body = clone->getBody().front();
  model->numInputs = body.getNumArguments();
  MLIRContext *context = func.getContext();
  Type f32 = Float32Type::get(context);
  Type i32 = IntegerType::get(context, 32);

  for (auto [original, op] : llvm::zip(originals, ops)) {
    auto type = cast<RankedTensorType>(op.getInput().getType());
    if (!type.hasStaticShape())
      return original.emitOpError("hwq-search: needs a static shape");
    ModelEdge edge;
    edge.op = original;
    std::optional<uint64_t> axis = op.getAxis();
    if (axis && static_cast<int64_t>(*axis) >= type.getRank())
      return original.emitOpError("hwq-search: axis out of range");
    edge.channels = axis ? type.getDimSize(*axis) : 1;
    Location loc = op.getLoc();

    // A weight: its constant becomes an argument (for noise injection).
    DenseElementsAttr constant;
    if (matchPattern(op.getInput(), m_Constant(&constant)) &&
        isa<FloatType>(constant.getElementType())) {
      for (APFloat value : constant.getValues<APFloat>()) {
        bool losesInfo = false;
        value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                      &losesInfo);
        edge.weights.push_back(value.convertToFloat());
      }
      if (!type.getElementType().isF32())
        return original.emitOpError(
            "hwq-search: weight edges must be f32 tensors");
      BlockArgument weight = body.addArgument(type, loc);
      op.getInputMutable().assign(weight);
    }

    // s [C], z [C], and s, qmin - z, qmax - z broadcast to the input's rank.
    SmallVector<int64_t> vectorShape{edge.channels};
    SmallVector<int64_t> broadcastShape(type.getRank(), 1);
    if (axis)
      broadcastShape[*axis] = edge.channels;
    auto broadcastType = RankedTensorType::get(broadcastShape, f32);
    Value scale =
        body.addArgument(RankedTensorType::get(vectorShape, f32), loc);
    Value zeroPoint =
        body.addArgument(RankedTensorType::get(vectorShape, i32), loc);
    Value scaleB = body.addArgument(broadcastType, loc);
    Value qlo = body.addArgument(broadcastType, loc);
    Value qhi = body.addArgument(broadcastType, loc);

    op.getScaleMutable().assign(scale);
    op.getZeroPointMutable().assign(zeroPoint);
    OpBuilder b(context);
    op.setBitsAttr(b.getI32IntegerAttr(32));
    op.setIsSignedAttr(b.getBoolAttr(true));
    op.setNarrowRangeAttr(b.getBoolAttr(false));
    b.setInsertionPointAfter(op);
    Value lo = arith::MulFOp::create(b, loc, qlo, scaleB);
    Value hi = arith::MulFOp::create(b, loc, qhi, scaleB);
    auto clampedLo = tosa::MaximumOp::create(b, loc, type, op.getOutput(), lo);
    auto clamped = tosa::MinimumOp::create(b, loc, type, clampedLo, hi);
    op.getOutput().replaceAllUsesExcept(clamped, clampedLo);
    model->edges.push_back(std::move(edge));
  }
  (void)finishClone(*clone);
  FailureOr<std::unique_ptr<jit::CompiledFunction>> compiled =
      jit::CompiledFunction::compile(*clone, options);
  if (failed(compiled))
    return func.emitError("hwq-search: compiling the parametric simulated "
                          "model failed");
  model->compiled = std::move(*compiled);
  return model;
}

llvm::Error ParametricModel::checkCandidate(const Candidate &candidate) const {
  if (candidate.size() != edges.size())
    return llvm::createStringError("candidate has %zu edges, the model %zu",
                                   candidate.size(), edges.size());
  for (auto [i, args] : llvm::enumerate(candidate)) {
    const ModelEdge &edge = edges[i];
    auto fits = [&](size_t n) {
      return n == 1 || static_cast<int64_t>(n) == edge.channels;
    };
    if (!fits(args.scales.size()) || !fits(args.zeroPoints.size()))
      return llvm::createStringError(
          "edge %zu: %zu scales and %zu zero points for %lld channels", i,
          args.scales.size(), args.zeroPoints.size(),
          static_cast<long long>(edge.channels));
    if (!args.weights.empty() && args.weights.size() != edge.weights.size())
      return llvm::createStringError("edge %zu: %zu weights, expected %zu", i,
                                     args.weights.size(), edge.weights.size());
  }
  return llvm::Error::success();
}

namespace {
/// The argument buffers of one candidate (after the sample inputs).
struct CandidateBuffers {
  std::vector<std::vector<float>> floats;
  std::vector<std::vector<int32_t>> ints;
  std::vector<const void *> pointers;
};
} // namespace

llvm::Expected<std::vector<Outputs>>
ParametricModel::evaluate(ArrayRef<Candidate> candidates,
                          const SampleSet &samples, unsigned threads) const {
  const HostFunctionSignature &signature = compiled->getSignature();
  if (signature.results.empty())
    return llvm::createStringError("the model has no result");
  std::vector<CandidateBuffers> buffers(candidates.size());
  for (auto [c, candidate] : llvm::enumerate(candidates)) {
    if (edges.empty() && candidate.empty()) {
      continue;
    }
    if (llvm::Error error = checkCandidate(candidate))
      return std::move(error);
    CandidateBuffers &out = buffers[c];
    // Reserve so that the pointers stay valid.
    out.floats.reserve(edges.size() * 5);
    out.ints.reserve(edges.size());
    for (auto [i, edge] : llvm::enumerate(edges)) {
      const EdgeArguments &args = candidate[i];
      if (edge.isWeight()) {
        const std::vector<float> &weights =
            args.weights.empty() ? edge.weights : args.weights;
        out.pointers.push_back(weights.data());
      }
      auto channel = [&](const auto &values, int64_t k) {
        return values.size() == 1 ? values[0] : values[k];
      };
      std::vector<float> scales(edge.channels), lo(edge.channels),
          hi(edge.channels);
      std::vector<int32_t> zeroPoints(edge.channels);
      for (int64_t k = 0; k < edge.channels; ++k) {
        scales[k] = channel(args.scales, k);
        zeroPoints[k] = channel(args.zeroPoints, k);
        lo[k] = static_cast<float>(args.qmin - zeroPoints[k]);
        hi[k] = static_cast<float>(args.qmax - zeroPoints[k]);
      }
      out.floats.push_back(scales);
      out.pointers.push_back(out.floats.back().data());
      out.ints.push_back(std::move(zeroPoints));
      out.pointers.push_back(out.ints.back().data());
      out.floats.push_back(std::move(scales));
      out.pointers.push_back(out.floats.back().data());
      out.floats.push_back(std::move(lo));
      out.pointers.push_back(out.floats.back().data());
      out.floats.push_back(std::move(hi));
      out.pointers.push_back(out.floats.back().data());
    }
  }

  size_t numSamples = samples.size();
  int64_t width = signature.results.front().getNumElements();
  std::vector<Outputs> results(candidates.size());
  for (Outputs &outputs : results) {
    outputs.width = width;
    outputs.values.assign(numSamples * width, 0.0);
  }
  if (numSamples == 0 || candidates.empty())
    return results;

  llvm::ThreadPoolStrategy strategy = llvm::hardware_concurrency(threads);
  unsigned numThreads = std::max(1u, strategy.compute_thread_count());
  size_t blocks = std::min<size_t>(numSamples, numThreads * 4);
  size_t blockSize = (numSamples + blocks - 1) / blocks;
  auto runTask = [&](size_t c, size_t begin, size_t end) {
    SmallVector<runtime::Tensor> scratch;
    SmallVector<void *> outputPointers;
    for (const HostTensorSignature &result : signature.results)
      scratch.emplace_back(result.kind, result.shape);
    for (runtime::Tensor &tensor : scratch)
      outputPointers.push_back(tensor.getMutableBytes().data());
    SmallVector<const void *> inputPointers;
    for (size_t s = begin; s < end; ++s) {
      inputPointers.clear();
      for (const runtime::Tensor &input : samples.inputs[s])
        inputPointers.push_back(input.getBytes().data());
      llvm::append_range(inputPointers, buffers[c].pointers);
      compiled->call(inputPointers, outputPointers);
      double *slot = results[c].values.data() + s * width;
      for (int64_t k = 0; k < width; ++k)
        slot[k] = scratch.front().getDouble(k);
    }
  };
  if (numThreads == 1) {
    for (size_t c = 0; c < candidates.size(); ++c)
      runTask(c, 0, numSamples);
    return results;
  }
  llvm::StdThreadPool pool(strategy);
  for (size_t c = 0; c < candidates.size(); ++c)
    for (size_t begin = 0; begin < numSamples; begin += blockSize)
      pool.async(runTask, c, begin, std::min(numSamples, begin + blockSize));
  pool.wait();
  return results;
}
