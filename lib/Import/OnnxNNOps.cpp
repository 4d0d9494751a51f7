//===- OnnxNNOps.cpp - ONNX window and contraction operators --------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Conv (plain, depthwise, with a following BatchNormalization folded in),
// AveragePool, MaxPool, GlobalAveragePool, GlobalMaxPool,
// BatchNormalization, Gemm, MatMul, Softmax, LogSoftmax and the Reduce*
// operators. Window operators run on NHWC values.
//
//===----------------------------------------------------------------------===//

#include "OnnxImporter.h"

#include "hwq/Import/ImportUtils.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"

#include <cmath>

using namespace mlir;
using namespace hwq;
using namespace hwq::onnx_import;

/// The physical (NHWC) position of ONNX (NCHW) dimension `axis`.
static int64_t channelsLastAxis(int64_t axis) {
  for (int64_t i = 0; i < 4; ++i)
    if (import::kNchwToNhwc[i] == axis)
      return i;
  return axis;
}

namespace {
/// The spatial window attributes of a Conv or pooling node.
struct Window {
  int64_t kernel[2];
  int64_t stride[2];
  int64_t dilation[2];
  import::WindowAxis axes[2];
};
} // namespace

/// Reads kernel/strides/dilations/pads/auto_pad of a 2-D window node over an
/// NCHW input of `inShape` and computes the TOSA padding.
static FailureOr<Window> readWindow(OnnxImporter &importer,
                                    const onnx::NodeProto &node,
                                    ArrayRef<int64_t> inShape,
                                    ArrayRef<int64_t> kernel, bool ceilMode) {
  Window window;
  auto readPair = [&](StringRef name, int64_t *out) -> LogicalResult {
    out[0] = out[1] = 1;
    std::optional<SmallVector<int64_t>> values =
        importer.getIntsAttr(node, name);
    if (!values)
      return success();
    if (values->size() != 2)
      return importer.nodeError(node)
             << "'" << name << "' must have 2 values, has " << values->size();
    out[0] = (*values)[0];
    out[1] = (*values)[1];
    return success();
  };
  window.kernel[0] = kernel[0];
  window.kernel[1] = kernel[1];
  if (failed(readPair("strides", window.stride)) ||
      failed(readPair("dilations", window.dilation)))
    return failure();

  std::string autoPadText = importer.getStringAttr(node, "auto_pad", "NOTSET");
  std::optional<import::AutoPad> autoPad = import::parseAutoPad(autoPadText);
  if (!autoPad)
    return importer.nodeError(node)
           << "unknown auto_pad '" << autoPadText << "'";
  SmallVector<int64_t> pads(4, 0);
  if (std::optional<SmallVector<int64_t>> given =
          importer.getIntsAttr(node, "pads")) {
    if (given->size() != 4)
      return importer.nodeError(node)
             << "'pads' must have 4 values, has " << given->size();
    pads = *given;
  }
  for (int i = 0; i < 2; ++i) {
    std::optional<import::WindowAxis> axis = import::computeWindowAxis(
        inShape[2 + i], window.kernel[i], window.stride[i], window.dilation[i],
        *autoPad, pads[i], pads[2 + i], ceilMode);
    if (!axis)
      return importer.nodeError(node)
             << "invalid window on spatial axis " << i << " (input "
             << inShape[2 + i] << ", kernel " << window.kernel[i] << ", stride "
             << window.stride[i] << ", dilation " << window.dilation[i]
             << ", pads " << pads[i] << "/" << pads[2 + i] << ")";
    window.axes[i] = *axis;
  }
  return window;
}

/// Slices off the trailing input rows/columns that no window reads (an NHWC
/// value).
static Value cropInput(OnnxImporter &importer, Value input,
                       const Window &window, Location loc) {
  if (window.axes[0].inputCrop == 0 && window.axes[1].inputCrop == 0)
    return input;
  SmallVector<int64_t> size(OnnxImporter::shapeOf(input));
  size[1] -= window.axes[0].inputCrop;
  size[2] -= window.axes[1].inputCrop;
  return importer.createSlice(input, {0, 0, 0, 0}, size, loc);
}

/// TOSA's [top, bottom, left, right] padding of `window`.
static SmallVector<int64_t> tosaPad(const Window &window) {
  return {window.axes[0].padBegin, window.axes[0].padEnd,
          window.axes[1].padBegin, window.axes[1].padEnd};
}

/// Per-channel factors of an inference batch normalization:
/// y = x * scale + shift.
struct BatchNormFactors {
  std::vector<float> scale, shift;
  /// The distribution of the output per channel (its beta and |gamma|),
  /// kept for data-free calibration.
  std::vector<float> outputMean, outputStd;
};

/// Records the per-channel mean and standard deviation of a batch norm's
/// output on the op that produces it: the discardable attributes
/// `hwq.bn_mean` / `hwq.bn_std` (hwq::kBatchNormMeanAttrName, ...) that
/// hwq-prepare carries and `hwq-calibrate data-free=true` reads.
static void setBatchNormStats(Operation *op, const BatchNormFactors &factors) {
  auto type =
      RankedTensorType::get({static_cast<int64_t>(factors.outputMean.size())},
                            Float32Type::get(op->getContext()));
  op->setAttr("hwq.bn_mean", DenseElementsAttr::get(
                                 type, ArrayRef<float>(factors.outputMean)));
  op->setAttr("hwq.bn_std",
              DenseElementsAttr::get(type, ArrayRef<float>(factors.outputStd)));
}

/// Reads the constant parameters of BatchNormalization `node` for
/// `channels` channels.
static FailureOr<BatchNormFactors> readBatchNorm(OnnxImporter &importer,
                                                 const onnx::NodeProto &node,
                                                 int64_t channels, bool quiet) {
  const Constant *params[4];
  static const char *const roles[] = {"scale", "bias", "mean", "variance"};
  for (int i = 0; i < 4; ++i) {
    TensorInfo *input = nullptr;
    if (quiet) {
      // Probing for a fold: no diagnostics.
      if (!importer.hasInput(node, i + 1) ||
          !(input = importer.lookup(node.input(i + 1))))
        return failure();
    } else {
      FailureOr<TensorInfo *> given = importer.getInput(node, i + 1);
      if (failed(given))
        return failure();
      input = *given;
    }
    if (!input->isConstant() || input->constant->numElements() != channels) {
      if (!quiet)
        importer.nodeError(node)
            << roles[i] << " must be a constant of " << channels << " elements";
      return failure();
    }
    params[i] = input->constant.get();
  }
  double epsilon = importer.getFloatAttr(node, "epsilon", 1e-5f);
  BatchNormFactors factors;
  for (int64_t c = 0; c < channels; ++c) {
    double scale = params[0]->at(c) / std::sqrt(params[3]->at(c) + epsilon);
    factors.scale.push_back(static_cast<float>(scale));
    factors.shift.push_back(
        static_cast<float>(params[1]->at(c) - params[2]->at(c) * scale));
    factors.outputMean.push_back(static_cast<float>(params[1]->at(c)));
    factors.outputStd.push_back(
        static_cast<float>(std::fabs(params[0]->at(c))));
  }
  return factors;
}

/// Whether BatchNormalization `bn` is an inference-mode node whose only used
/// output is its first.
static bool isFoldableBatchNorm(OnnxImporter &importer,
                                const onnx::NodeProto &bn) {
  if (bn.op_type() != "BatchNormalization" ||
      !(bn.domain().empty() || bn.domain() == "ai.onnx"))
    return false;
  if (importer.getIntAttr(bn, "training_mode", 0) != 0)
    return false;
  for (int i = 1; i < bn.output_size(); ++i)
    if (importer.isOutputUsed(bn, i))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertConv(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  FailureOr<const Constant *> w = getConstantInput(node, 1, "the weight");
  if (failed(w))
    return failure();
  FailureOr<TensorInfo *> b = getOptionalInput(node, 2);
  if (failed(b))
    return failure();
  if ((*x)->rank() != 4 || (*w)->shape.size() != 4)
    return nodeError(node) << "only 2-D convolutions (rank-4 input and "
                              "weight) are supported";
  ArrayRef<int64_t> inShape = (*x)->shape;
  ArrayRef<int64_t> wShape = (*w)->shape;
  int64_t channels = inShape[1], outChannels = wShape[0];
  int64_t group = getIntAttr(node, "group", 1);
  if (group <= 0 || channels % group != 0 || outChannels % group != 0 ||
      wShape[1] * group != channels)
    return nodeError(node) << "weight shape does not match input channels "
                           << channels << " and group " << group;
  bool depthwise = group > 1;
  if (depthwise && group != channels)
    return nodeError(node)
           << "grouped convolution with group " << group << " (" << channels
           << " input channels, " << outChannels
           << " output channels) is not supported; only group 1 and "
              "depthwise (group == input channels) are";
  if (std::optional<SmallVector<int64_t>> kernel =
          getIntsAttr(node, "kernel_shape"))
    if (*kernel != ArrayRef<int64_t>(wShape).drop_front(2))
      return nodeError(node) << "kernel_shape does not match the weight";

  FailureOr<Window> window =
      readWindow(*this, node, inShape, wShape.drop_front(2), false);
  if (failed(window))
    return failure();

  std::vector<float> weights = (*w)->asFloats();
  std::vector<float> bias(outChannels, 0.0f);
  if (*b) {
    if (!(*b)->isConstant() || (*b)->constant->numElements() != outChannels)
      return nodeError(node)
             << "the bias must be a constant of " << outChannels << " elements";
    bias = (*b)->constant->asFloats();
  }

  // Fold a following inference BatchNormalization into weights and bias.
  std::string outputName = node.output(0);
  std::optional<BatchNormFactors> folded;
  if (const onnx::NodeProto *bn = getSingleConsumer(outputName))
    if (isFoldableBatchNorm(*this, *bn) && bn->input(0) == outputName) {
      FailureOr<BatchNormFactors> factors =
          readBatchNorm(*this, *bn, outChannels, /*quiet=*/true);
      if (succeeded(factors)) {
        int64_t perChannel = static_cast<int64_t>(weights.size()) / outChannels;
        for (int64_t o = 0; o < outChannels; ++o) {
          for (int64_t i = 0; i < perChannel; ++i)
            weights[o * perChannel + i] *= factors->scale[o];
          bias[o] = bias[o] * factors->scale[o] + factors->shift[o];
        }
        foldedBatchNorms[bn] = outputName;
        folded = std::move(*factors);
      }
    }

  FailureOr<Value> input = getChannelsLast(**x, loc);
  if (failed(input))
    return failure();
  Value cropped = cropInput(*this, *input, *window, loc);
  int64_t outH = window->axes[0].outSize, outW = window->axes[1].outSize;
  SmallVector<int64_t> outShape = {inShape[0], outH, outW, outChannels};
  Value biasValue = createF32Const({outChannels}, bias, loc);
  Value zp = zeroPoint(loc);
  Value result;
  if (depthwise) {
    std::vector<float> hwcm =
        import::depthwiseWeightsToHwcm(weights, wShape, channels);
    Value weight = createF32Const(
        {wShape[2], wShape[3], channels, outChannels / channels}, hwcm, loc);
    result = tosa::DepthwiseConv2DOp::create(
        builder, loc, f32Type(outShape), cropped, weight, biasValue, zp, zp,
        tosaPad(*window), window->stride, window->dilation,
        builder.getF32Type());
  } else {
    std::vector<float> ohwi = import::convWeightsToOhwi(weights, wShape);
    Value weight = createF32Const(
        {outChannels, wShape[2], wShape[3], wShape[1]}, ohwi, loc);
    result = tosa::Conv2DOp::create(builder, loc, f32Type(outShape), cropped,
                                    weight, biasValue, zp, zp, tosaPad(*window),
                                    window->stride, window->dilation,
                                    builder.getF32Type());
  }
  if (folded)
    setBatchNormStats(result.getDefiningOp(), *folded);
  setValue(outputName, {inShape[0], outChannels, outH, outW}, result,
           /*isChannelsLast=*/true);
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertPool(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  bool isAverage = node.op_type() == "AveragePool";
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  if ((*x)->rank() != 4)
    return nodeError(node) << "only 2-D pooling (rank-4 input) is supported";
  std::optional<SmallVector<int64_t>> kernel =
      getIntsAttr(node, "kernel_shape");
  if (!kernel || kernel->size() != 2)
    return nodeError(node) << "'kernel_shape' must have 2 values";
  bool ceilMode = getIntAttr(node, "ceil_mode", 0) != 0;
  FailureOr<Window> window =
      readWindow(*this, node, (*x)->shape, *kernel, ceilMode);
  if (failed(window))
    return failure();
  if (window->dilation[0] != 1 || window->dilation[1] != 1)
    return nodeError(node) << "dilated pooling is not supported";

  FailureOr<Value> input = getChannelsLast(**x, loc);
  if (failed(input))
    return failure();
  Value cropped = cropInput(*this, *input, *window, loc);
  ArrayRef<int64_t> inShape = (*x)->shape;
  int64_t outH = window->axes[0].outSize, outW = window->axes[1].outSize;
  SmallVector<int64_t> outShape = {inShape[0], outH, outW, inShape[1]};
  SmallVector<int64_t> pad = tosaPad(*window);
  Value result;
  if (isAverage) {
    bool countPad = getIntAttr(node, "count_include_pad", 0) != 0;
    bool padded = llvm::any_of(pad, [](int64_t p) { return p != 0; });
    if (countPad && padded) {
      // TOSA's average excludes padding; ONNX's count_include_pad counts the
      // zeros, which an explicit zero pad followed by an unpadded pool does.
      if (ceilMode)
        return nodeError(node) << "count_include_pad=1 with ceil_mode=1 and "
                                  "padding is not supported";
      SmallVector<int64_t> padded(shapeOf(cropped));
      padded[1] += pad[0] + pad[1];
      padded[2] += pad[2] + pad[3];
      Value padConst = createF32Const({1}, {0.0f}, loc);
      cropped = tosa::PadOp::create(
          builder, loc, f32Type(padded), cropped,
          createConstShape({0, 0, pad[0], pad[1], pad[2], pad[3], 0, 0}, loc),
          padConst);
      pad.assign(4, 0);
    }
    Value zp = zeroPoint(loc);
    result = tosa::AvgPool2dOp::create(builder, loc, f32Type(outShape), cropped,
                                       zp, zp, window->kernel, window->stride,
                                       pad, builder.getF32Type());
  } else {
    result = tosa::MaxPool2dOp::create(builder, loc, f32Type(outShape), cropped,
                                       window->kernel, window->stride, pad);
  }
  setValue(node.output(0), {inShape[0], inShape[1], outH, outW}, result,
           /*isChannelsLast=*/true);
  return success();
}

LogicalResult OnnxImporter::convertGlobalPool(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  if ((*x)->rank() != 4)
    return nodeError(node) << "only rank-4 inputs are supported";
  ArrayRef<int64_t> inShape = (*x)->shape;
  FailureOr<Value> input = getChannelsLast(**x, loc);
  if (failed(input))
    return failure();
  SmallVector<int64_t> outShape = {inShape[0], 1, 1, inShape[1]};
  int64_t kernel[] = {inShape[2], inShape[3]};
  int64_t stride[] = {1, 1};
  int64_t pad[] = {0, 0, 0, 0};
  Value result;
  if (node.op_type() == "GlobalAveragePool") {
    Value zp = zeroPoint(loc);
    result = tosa::AvgPool2dOp::create(builder, loc, f32Type(outShape), *input,
                                       zp, zp, kernel, stride, pad,
                                       builder.getF32Type());
  } else {
    result = tosa::MaxPool2dOp::create(builder, loc, f32Type(outShape), *input,
                                       kernel, stride, pad);
  }
  setValue(node.output(0), {inShape[0], inShape[1], 1, 1}, result,
           /*isChannelsLast=*/true);
  return success();
}

//===----------------------------------------------------------------------===//
// BatchNormalization
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertBatchNorm(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  if (getIntAttr(node, "training_mode", 0) != 0)
    return nodeError(node) << "training mode is not supported";
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  if ((*x)->rank() < 2)
    return nodeError(node) << "the input must have rank >= 2";
  int64_t channels = (*x)->shape[1];
  FailureOr<BatchNormFactors> factors =
      readBatchNorm(*this, node, channels, /*quiet=*/false);
  if (failed(factors))
    return failure();

  // The per-channel factors, broadcastable along axis 1.
  SmallVector<int64_t> paramShape((*x)->rank(), 1);
  paramShape[1] = channels;
  TensorInfo scale, shift;
  scale.shape = shift.shape = paramShape;
  scale.constant = std::make_shared<const Constant>(
      Constant::makeFloat(paramShape, factors->scale));
  shift.constant = std::make_shared<const Constant>(
      Constant::makeFloat(paramShape, factors->shift));

  bool channelsLast = false;
  FailureOr<SmallVector<Value>> operands =
      prepareElementwise({*x, &scale, &shift}, (*x)->shape, channelsLast, loc);
  if (failed(operands))
    return failure();
  ArrayRef<int64_t> physShape = shapeOf((*operands)[0]);
  Value scaled = createMul((*operands)[0], (*operands)[1], physShape, loc);
  Value result = tosa::AddOp::create(builder, loc, f32Type(physShape), scaled,
                                     (*operands)[2]);
  setBatchNormStats(result.getDefiningOp(), *factors);
  setValue(node.output(0), (*x)->shape, result, channelsLast);
  return success();
}

//===----------------------------------------------------------------------===//
// Gemm and MatMul
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertGemm(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> a = getInput(node, 0);
  FailureOr<TensorInfo *> b = failed(a) ? a : getInput(node, 1);
  if (failed(b))
    return failure();
  FailureOr<TensorInfo *> c = getOptionalInput(node, 2);
  if (failed(c))
    return failure();
  if ((*a)->rank() != 2 || (*b)->rank() != 2)
    return nodeError(node) << "A and B must have rank 2";
  float alpha = getFloatAttr(node, "alpha", 1.0f);
  float beta = getFloatAttr(node, "beta", 1.0f);
  bool transA = getIntAttr(node, "transA", 0) != 0;
  bool transB = getIntAttr(node, "transB", 0) != 0;
  int64_t m = (*a)->shape[transA ? 1 : 0], k = (*a)->shape[transA ? 0 : 1];
  int64_t kb = (*b)->shape[transB ? 1 : 0], n = (*b)->shape[transB ? 0 : 1];
  if (k != kb)
    return nodeError(node) << "inner dimensions differ (" << k << " vs " << kb
                           << ")";
  const int64_t swap[] = {1, 0};

  // A as [1, M, K].
  Value aValue;
  if ((*a)->isConstant()) {
    Constant ac = transA ? (*a)->constant->transposed(swap) : *(*a)->constant;
    aValue = createF32Const({1, m, k}, ac.asFloats(), loc);
  } else if (!transA) {
    FailureOr<Value> av = reshapeTo(**a, {1, m, k}, loc);
    if (failed(av))
      return failure();
    aValue = *av;
  } else {
    FailureOr<Value> av = getNatural(**a, loc);
    if (failed(av))
      return failure();
    aValue = createReshape(createTranspose(*av, swap, loc), {1, m, k}, loc);
  }
  // B as [1, K, N]; a constant B is transposed and scaled by alpha here.
  Value bValue;
  bool alphaApplied = false;
  if ((*b)->isConstant()) {
    Constant bc = transB ? (*b)->constant->transposed(swap) : *(*b)->constant;
    std::vector<float> values = bc.asFloats();
    if (alpha != 1.0f)
      for (float &v : values)
        v *= alpha;
    alphaApplied = true;
    bValue = createF32Const({1, k, n}, values, loc);
  } else {
    FailureOr<Value> bv = getNatural(**b, loc);
    if (failed(bv))
      return failure();
    bValue = transB ? createTranspose(*bv, swap, loc) : *bv;
    bValue = createReshape(bValue, {1, k, n}, loc);
  }
  Value zp = zeroPoint(loc);
  Value result = tosa::MatMulOp::create(builder, loc, f32Type({1, m, n}),
                                        aValue, bValue, zp, zp);
  if (!alphaApplied && alpha != 1.0f)
    result = createMul(result, createF32Const({1, 1, 1}, {alpha}, loc),
                       {1, m, n}, loc);

  if (*c && beta != 0.0f) {
    std::optional<SmallVector<int64_t>> cShape =
        broadcastShapes({m, n}, (*c)->shape);
    if ((*c)->rank() > 2 || !cShape || (*cShape)[0] != m || (*cShape)[1] != n)
      return nodeError(node)
             << "C does not broadcast to [" << m << ", " << n << "]";
    SmallVector<int64_t> c3(3 - (*c)->rank(), 1);
    c3.append((*c)->shape.begin(), (*c)->shape.end());
    Value cValue;
    if ((*c)->isConstant()) {
      std::vector<float> values = (*c)->constant->asFloats();
      for (float &v : values)
        v *= beta;
      cValue = createF32Const(c3, values, loc);
    } else {
      FailureOr<Value> cv = reshapeTo(**c, c3, loc);
      if (failed(cv))
        return failure();
      cValue = *cv;
      if (beta != 1.0f)
        cValue =
            createMul(cValue, createF32Const({1, 1, 1}, {beta}, loc), c3, loc);
    }
    result =
        tosa::AddOp::create(builder, loc, f32Type({1, m, n}), result, cValue);
  }
  setValue(node.output(0), {m, n}, createReshape(result, {m, n}, loc),
           /*isChannelsLast=*/false);
  return success();
}

LogicalResult OnnxImporter::convertMatMul(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  FailureOr<TensorInfo *> a = getInput(node, 0);
  FailureOr<TensorInfo *> b = failed(a) ? a : getInput(node, 1);
  if (failed(b))
    return failure();
  if ((*a)->rank() < 2 || (*b)->rank() < 2)
    return nodeError(node) << "1-D operands are not supported";
  ArrayRef<int64_t> aShape = (*a)->shape, bShape = (*b)->shape;
  int64_t m = aShape[aShape.size() - 2], k = aShape.back();
  int64_t n = bShape.back();
  if (bShape[bShape.size() - 2] != k)
    return nodeError(node) << "inner dimensions differ (" << k << " vs "
                           << bShape[bShape.size() - 2] << ")";
  auto product = [](ArrayRef<int64_t> dims) {
    int64_t p = 1;
    for (int64_t d : dims)
      p *= d;
    return p;
  };
  ArrayRef<int64_t> aBatch = aShape.drop_back(2), bBatch = bShape.drop_back(2);
  int64_t aCount = product(aBatch), bCount = product(bBatch);

  SmallVector<int64_t> a3, b3, outShape;
  if (bCount == 1) {
    // B is one matrix: fold A's batch dimensions into its rows.
    a3 = {1, aCount * m, k};
    b3 = {1, k, n};
    outShape.assign(aBatch.begin(), aBatch.end());
    if (bBatch.size() > aBatch.size())
      outShape.insert(outShape.begin(), bBatch.size() - aBatch.size(), 1);
  } else if (aBatch == bBatch) {
    a3 = {aCount, m, k};
    b3 = {bCount, k, n};
    outShape.assign(aBatch.begin(), aBatch.end());
  } else {
    return nodeError(node) << "broadcasting batch dimensions is not supported";
  }
  outShape.push_back(m);
  outShape.push_back(n);

  FailureOr<Value> av = reshapeTo(**a, a3, loc);
  if (failed(av))
    return failure();
  FailureOr<Value> bv = reshapeTo(**b, b3, loc);
  if (failed(bv))
    return failure();
  Value zp = zeroPoint(loc);
  SmallVector<int64_t> result3 = {a3[0], a3[1], n};
  Value result =
      tosa::MatMulOp::create(builder, loc, f32Type(result3), *av, *bv, zp, zp);
  if (ArrayRef<int64_t>(result3) != ArrayRef<int64_t>(outShape))
    result = createReshape(result, outShape, loc);
  setValue(node.output(0), outShape, result, /*isChannelsLast=*/false);
  return success();
}

//===----------------------------------------------------------------------===//
// Softmax and reductions
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::convertSoftmax(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  bool isLog = node.op_type() == "LogSoftmax";
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  int64_t rank = (*x)->rank();
  if (rank == 0)
    return nodeError(node) << "the input must have rank >= 1";
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(node, "axis", opset >= 13 ? -1 : 1), rank);
  if (!axis)
    return nodeError(node) << "axis out of range";

  // Before opset 13 the input is flattened to 2-D at `axis`.
  bool coerce = opset < 13 && *axis != rank - 1;
  Value input;
  int64_t reduceAxis = *axis;
  bool channelsLast = false;
  if (coerce) {
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < rank; ++d)
      (d < *axis ? outer : inner) *= (*x)->shape[d];
    FailureOr<Value> v = reshapeTo(**x, {outer, inner}, loc);
    if (failed(v))
      return failure();
    input = *v;
    reduceAxis = 1;
  } else {
    channelsLast = prefersChannelsLast(**x);
    FailureOr<Value> v = getLayout(**x, channelsLast, loc);
    if (failed(v))
      return failure();
    input = *v;
    if (channelsLast)
      reduceAxis = channelsLastAxis(*axis);
  }

  SmallVector<int64_t> shape(shapeOf(input));
  SmallVector<int64_t> reduced = shape;
  reduced[reduceAxis] = 1;
  RankedTensorType type = f32Type(shape), reducedType = f32Type(reduced);
  Value max = tosa::ReduceMaxOp::create(builder, loc, reducedType, input,
                                        static_cast<uint32_t>(reduceAxis));
  Value shifted = tosa::SubOp::create(builder, loc, type, input, max);
  Value exp = tosa::ExpOp::create(builder, loc, type, shifted);
  Value sum = tosa::ReduceSumOp::create(builder, loc, reducedType, exp,
                                        static_cast<uint32_t>(reduceAxis));
  Value result;
  if (isLog) {
    Value logSum = tosa::LogOp::create(builder, loc, reducedType, sum);
    result = tosa::SubOp::create(builder, loc, type, shifted, logSum);
  } else {
    Value inverse = tosa::ReciprocalOp::create(builder, loc, reducedType, sum);
    result = createMul(exp, inverse, shape, loc);
  }
  if (coerce)
    result = createReshape(result, (*x)->shape, loc);
  setValue(node.output(0), (*x)->shape, result, channelsLast);
  return success();
}

LogicalResult OnnxImporter::convertReduce(const onnx::NodeProto &node) {
  Location loc = nodeLoc(node);
  StringRef op = node.op_type();
  FailureOr<TensorInfo *> x = getInput(node, 0);
  if (failed(x))
    return failure();
  int64_t rank = (*x)->rank();
  bool keepDims = getIntAttr(node, "keepdims", 1) != 0;

  // Axes: an attribute, or (ReduceSum from opset 13) an input.
  SmallVector<int64_t> axes;
  if (op == "ReduceSum" && opset >= 13) {
    if (hasInput(node, 1)) {
      FailureOr<const Constant *> given = getConstantInput(node, 1, "axes");
      if (failed(given))
        return failure();
      for (int64_t i = 0, e = (*given)->numElements(); i < e; ++i)
        axes.push_back((*given)->intAt(i));
    } else if (getIntAttr(node, "noop_with_empty_axes", 0) != 0) {
      return convertIdentity(node);
    }
  } else if (std::optional<SmallVector<int64_t>> attr =
                 getIntsAttr(node, "axes")) {
    axes = *attr;
  }
  if (axes.empty())
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  SmallVector<bool> reducedDims(rank, false);
  for (int64_t &axis : axes) {
    std::optional<int64_t> normalized = normalizeAxis(axis, rank);
    if (!normalized || reducedDims[*normalized])
      return nodeError(node) << "invalid axes";
    axis = *normalized;
    reducedDims[axis] = true;
  }

  bool channelsLast = prefersChannelsLast(**x);
  FailureOr<Value> v = getLayout(**x, channelsLast, loc);
  if (failed(v))
    return failure();
  Value result = *v;
  SmallVector<int64_t> shape(shapeOf(result));
  int64_t count = 1;
  for (int64_t axis : axes) {
    int64_t physAxis = channelsLast ? channelsLastAxis(axis) : axis;
    count *= shape[physAxis];
    shape[physAxis] = 1;
    RankedTensorType type = f32Type(shape);
    auto a = static_cast<uint32_t>(physAxis);
    if (op == "ReduceMax")
      result = tosa::ReduceMaxOp::create(builder, loc, type, result, a);
    else if (op == "ReduceMin")
      result = tosa::ReduceMinOp::create(builder, loc, type, result, a);
    else
      result = tosa::ReduceSumOp::create(builder, loc, type, result, a);
  }
  if (op == "ReduceMean") {
    SmallVector<int64_t> ones(shape.size(), 1);
    result = createMul(
        result, createF32Const(ones, {1.0f / static_cast<float>(count)}, loc),
        shape, loc);
  }
  SmallVector<int64_t> keptShape((*x)->shape);
  for (int64_t axis : axes)
    keptShape[axis] = 1;
  TensorInfo kept;
  kept.shape = keptShape;
  (channelsLast ? kept.channelsLast : kept.natural) = result;
  if (keepDims) {
    setAlias(node.output(0), kept);
    return success();
  }
  SmallVector<int64_t> squeezed;
  for (int64_t d = 0; d < rank; ++d)
    if (!reducedDims[d])
      squeezed.push_back(keptShape[d]);
  FailureOr<Value> reshaped = reshapeTo(kept, squeezed, loc);
  if (failed(reshaped))
    return failure();
  setValue(node.output(0), squeezed, *reshaped, /*isChannelsLast=*/false);
  return success();
}
