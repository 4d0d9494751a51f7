//===- TfliteOps.cpp - TFLite operator converters -------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The converters of the individual TFLite operators: each reads its inputs
// through the TfliteImporter helpers, builds float TOSA and records its
// output, or emits a diagnostic naming the operator and fails.
//
//===----------------------------------------------------------------------===//

#include "TfliteImporter.h"

#include "hwq/Import/ImportUtils.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace hwq;
using namespace hwq::tflite_import;

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

namespace {
/// A 2-D window as TOSA takes it, with the input crop that makes it exact.
struct Window {
  import::WindowAxis axes[2];
  SmallVector<int64_t> kernel, stride, dilation;
};
} // namespace

/// Computes the window of an NHWC input of `inShape` for a kernel of
/// kh x kw; TFLite's SAME pads (total - total / 2) after, like ONNX's
/// SAME_UPPER.
static std::optional<Window> computeWindow(ArrayRef<int64_t> inShape,
                                           int64_t kh, int64_t kw,
                                           fb::Padding padding, int64_t sh,
                                           int64_t sw, int64_t dh, int64_t dw) {
  import::AutoPad mode = padding == fb::Padding::VALID
                             ? import::AutoPad::Valid
                             : import::AutoPad::SameUpper;
  Window window;
  window.kernel = {kh, kw};
  window.stride = {sh, sw};
  window.dilation = {dh, dw};
  for (int i = 0; i < 2; ++i) {
    std::optional<import::WindowAxis> axis = import::computeWindowAxis(
        inShape[1 + i], window.kernel[i], window.stride[i], window.dilation[i],
        mode, 0, 0, /*ceilMode=*/false);
    if (!axis)
      return std::nullopt;
    window.axes[i] = *axis;
  }
  return window;
}

/// TOSA's [top, bottom, left, right] padding of `window`.
static SmallVector<int64_t> tosaPad(const Window &window) {
  return {window.axes[0].padBegin, window.axes[0].padEnd,
          window.axes[1].padBegin, window.axes[1].padEnd};
}

LogicalResult TfliteImporter::convertConv(bool depthwise) {
  if (failed(checkArity(2, 3)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<const Constant *> w = getConstantInput(1, "the filter");
  if (failed(w))
    return failure();
  ArrayRef<int64_t> inShape = (*x)->shape;
  ArrayRef<int64_t> wShape = (*w)->shape;
  if (inShape.size() != 4 || wShape.size() != 4)
    return opError() << "expected a rank-4 input and filter, got "
                     << formatShape(inShape) << " and " << formatShape(wShape);
  int64_t channels = inShape[3];

  fb::Padding padding;
  int64_t sh, sw, dh, dw, multiplier = 1;
  fb::ActivationFunctionType act;
  int64_t outChannels, kh = wShape[1], kw = wShape[2];
  if (depthwise) {
    const fb::DepthwiseConv2DOptions *opts =
        current->op->builtin_options_as_DepthwiseConv2DOptions();
    if (!opts)
      return opError() << "missing DepthwiseConv2DOptions";
    padding = opts->padding();
    sh = opts->stride_h(), sw = opts->stride_w();
    dh = opts->dilation_h_factor(), dw = opts->dilation_w_factor();
    act = opts->fused_activation_function();
    outChannels = wShape[3];
    if (wShape[0] != 1 || channels <= 0 || outChannels % channels != 0)
      return opError() << "filter " << formatShape(wShape)
                       << " does not fit an input of " << channels
                       << " channels (expected 1xKHxKWx(C*M))";
    multiplier = outChannels / channels;
    if (opts->depth_multiplier() > 0 && opts->depth_multiplier() != multiplier)
      return opError() << "depth_multiplier " << opts->depth_multiplier()
                       << " does not match the filter " << formatShape(wShape)
                       << " for " << channels << " input channels";
  } else {
    const fb::Conv2DOptions *opts =
        current->op->builtin_options_as_Conv2DOptions();
    if (!opts)
      return opError() << "missing Conv2DOptions";
    padding = opts->padding();
    sh = opts->stride_h(), sw = opts->stride_w();
    dh = opts->dilation_h_factor(), dw = opts->dilation_w_factor();
    act = opts->fused_activation_function();
    outChannels = wShape[0];
    if (wShape[3] != channels) {
      if (wShape[3] > 0 && channels % wShape[3] == 0)
        return opError() << "grouped convolution (" << channels
                         << " input channels, filter " << formatShape(wShape)
                         << ") is not supported";
      return opError() << "filter " << formatShape(wShape) << " does not match "
                       << channels << " input channels";
    }
  }
  std::optional<Window> window =
      computeWindow(inShape, kh, kw, padding, sh, sw, dh, dw);
  if (!window)
    return opError() << "invalid window: input " << formatShape(inShape)
                     << ", kernel " << kh << "x" << kw << ", strides " << sh
                     << "x" << sw << ", dilations " << dh << "x" << dw;

  FailureOr<std::vector<float>> weights = getFloatInput(1, "the filter");
  if (failed(weights))
    return failure();
  std::vector<float> bias(outChannels, 0.0f);
  if (inputIndex(2) >= 0) {
    FailureOr<std::vector<float>> b = getFloatInput(2, "the bias");
    if (failed(b))
      return failure();
    if (static_cast<int64_t>(b->size()) != outChannels)
      return opError() << "the bias has " << b->size() << " elements, expected "
                       << outChannels;
    bias = std::move(*b);
  }

  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value cropped = *input;
  if (window->axes[0].inputCrop || window->axes[1].inputCrop) {
    SmallVector<int64_t> size(inShape);
    size[1] -= window->axes[0].inputCrop;
    size[2] -= window->axes[1].inputCrop;
    cropped = tosa::SliceOp::create(builder, loc, f32Type(size), *input,
                                    createConstShape({0, 0, 0, 0}, loc),
                                    createConstShape(size, loc));
  }
  SmallVector<int64_t> outShape = {inShape[0], window->axes[0].outSize,
                                   window->axes[1].outSize, outChannels};
  Value biasValue = createF32Const({outChannels}, bias, loc);
  Value zp = zeroPoint(loc);
  Value result;
  if (depthwise) {
    // [1, KH, KW, C * M] holds, in memory, [KH, KW, C, M].
    Value weight =
        createF32Const({kh, kw, channels, multiplier}, *weights, loc);
    result = tosa::DepthwiseConv2DOp::create(
        builder, loc, f32Type(outShape), cropped, weight, biasValue, zp, zp,
        tosaPad(*window), window->stride, window->dilation,
        builder.getF32Type());
  } else {
    Value weight = createF32Const(wShape, *weights, loc);
    result = tosa::Conv2DOp::create(builder, loc, f32Type(outShape), cropped,
                                    weight, biasValue, zp, zp, tosaPad(*window),
                                    window->stride, window->dilation,
                                    builder.getF32Type());
  }
  FailureOr<Value> activated = applyActivation(result, act);
  if (failed(activated))
    return failure();
  return setOutput(*activated, outShape);
}

LogicalResult TfliteImporter::convertPool(bool average) {
  if (failed(checkArity(1, 1)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> inShape = (*x)->shape;
  if (inShape.size() != 4)
    return opError() << "expected a rank-4 input, got " << formatShape(inShape);
  const fb::Pool2DOptions *opts =
      current->op->builtin_options_as_Pool2DOptions();
  if (!opts)
    return opError() << "missing Pool2DOptions";
  std::optional<Window> window =
      computeWindow(inShape, opts->filter_height(), opts->filter_width(),
                    opts->padding(), opts->stride_h(), opts->stride_w(), 1, 1);
  if (!window)
    return opError() << "invalid window: input " << formatShape(inShape)
                     << ", filter " << opts->filter_height() << "x"
                     << opts->filter_width() << ", strides " << opts->stride_h()
                     << "x" << opts->stride_w();
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value cropped = *input;
  if (window->axes[0].inputCrop || window->axes[1].inputCrop) {
    SmallVector<int64_t> size(inShape);
    size[1] -= window->axes[0].inputCrop;
    size[2] -= window->axes[1].inputCrop;
    cropped = tosa::SliceOp::create(builder, loc, f32Type(size), *input,
                                    createConstShape({0, 0, 0, 0}, loc),
                                    createConstShape(size, loc));
  }
  SmallVector<int64_t> outShape = {inShape[0], window->axes[0].outSize,
                                   window->axes[1].outSize, inShape[3]};
  // TFLite's average excludes the padding from the count, like TOSA's.
  Value result;
  if (average) {
    Value zp = zeroPoint(loc);
    result = tosa::AvgPool2dOp::create(builder, loc, f32Type(outShape), cropped,
                                       zp, zp, window->kernel, window->stride,
                                       tosaPad(*window), builder.getF32Type());
  } else {
    result = tosa::MaxPool2dOp::create(builder, loc, f32Type(outShape), cropped,
                                       window->kernel, window->stride,
                                       tosaPad(*window));
  }
  FailureOr<Value> activated =
      applyActivation(result, opts->fused_activation_function());
  if (failed(activated))
    return failure();
  return setOutput(*activated, outShape);
}

//===----------------------------------------------------------------------===//
// FULLY_CONNECTED
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::convertFullyConnected() {
  if (failed(checkArity(2, 3)))
    return failure();
  Location loc = current->loc;
  const fb::FullyConnectedOptions *opts =
      current->op->builtin_options_as_FullyConnectedOptions();
  fb::ActivationFunctionType act = opts ? opts->fused_activation_function()
                                        : fb::ActivationFunctionType::NONE;
  if (opts &&
      opts->weights_format() != fb::FullyConnectedOptionsWeightsFormat::DEFAULT)
    return opError() << "shuffled weight formats are not supported";
  bool keepDims = opts && opts->keep_num_dims();

  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<const Constant *> w = getConstantInput(1, "the weights");
  if (failed(w))
    return failure();
  ArrayRef<int64_t> inShape = (*x)->shape;
  ArrayRef<int64_t> wShape = (*w)->shape;
  if (wShape.size() != 2 || wShape[1] <= 0)
    return opError() << "expected [N, K] weights, got " << formatShape(wShape);
  int64_t n = wShape[0], k = wShape[1];
  std::optional<int64_t> count = elementCount(inShape);
  if (!count || *count % k != 0 || inShape.empty())
    return opError() << "input " << formatShape(inShape)
                     << " does not fit weights " << formatShape(wShape);
  int64_t rows = *count / k;
  if (keepDims && inShape.back() != k)
    return opError() << "keep_num_dims needs the input's last dimension to be "
                     << k;

  FailureOr<std::vector<float>> weights = getFloatInput(1, "the weights");
  if (failed(weights))
    return failure();
  std::vector<float> bias;
  if (inputIndex(2) >= 0) {
    FailureOr<std::vector<float>> b = getFloatInput(2, "the bias");
    if (failed(b))
      return failure();
    if (static_cast<int64_t>(b->size()) != n)
      return opError() << "the bias has " << b->size() << " elements, expected "
                       << n;
    bias = std::move(*b);
  }
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();

  // y[r, j] = sum_i x[r, i] * w[j, i]: tosa.matmul of [1, R, K] and the
  // transposed weights [1, K, N].
  const int64_t perm[] = {1, 0};
  std::vector<float> kn = import::transposeData<float>(*weights, wShape, perm);
  Value x3 = createReshape(*input, {1, rows, k}, loc);
  Value w3 = createF32Const({1, k, n}, kn, loc);
  Value zp = zeroPoint(loc);
  Value result = tosa::MatMulOp::create(builder, loc, f32Type({1, rows, n}), x3,
                                        w3, zp, zp);
  if (!bias.empty())
    result = tosa::AddOp::create(builder, loc, f32Type({1, rows, n}), result,
                                 createF32Const({1, 1, n}, bias, loc));
  SmallVector<int64_t> outShape;
  if (keepDims) {
    outShape.assign(inShape.begin(), inShape.end() - 1);
    outShape.push_back(n);
  } else {
    outShape = {rows, n};
  }
  result = createReshape(result, outShape, loc);
  FailureOr<Value> activated = applyActivation(result, act);
  if (failed(activated))
    return failure();
  return setOutput(*activated, outShape);
}

//===----------------------------------------------------------------------===//
// Elementwise operators
//===----------------------------------------------------------------------===//

/// Numpy-style broadcast of two shapes; std::nullopt when incompatible.
static std::optional<SmallVector<int64_t>>
broadcastShapes(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    result[i] = da == 1 ? db : da;
  }
  return result;
}

LogicalResult TfliteImporter::convertBinary(int32_t code) {
  if (failed(checkArity(2, 2)))
    return failure();
  Location loc = current->loc;
  fb::ActivationFunctionType act = fb::ActivationFunctionType::NONE;
  if (code == kAdd) {
    if (const auto *opts = current->op->builtin_options_as_AddOptions())
      act = opts->fused_activation_function();
  } else if (code == kSub) {
    if (const auto *opts = current->op->builtin_options_as_SubOptions())
      act = opts->fused_activation_function();
  } else if (code == kMul) {
    if (const auto *opts = current->op->builtin_options_as_MulOptions())
      act = opts->fused_activation_function();
  }
  FailureOr<TensorInfo *> lhs = getInput(0), rhs = getInput(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  std::optional<SmallVector<int64_t>> outShape =
      broadcastShapes((*lhs)->shape, (*rhs)->shape);
  if (!outShape)
    return opError() << "shapes " << formatShape((*lhs)->shape) << " and "
                     << formatShape((*rhs)->shape) << " do not broadcast";
  // TOSA broadcasts size-1 dimensions of operands of equal rank.
  SmallVector<Value, 2> operands;
  for (TensorInfo *operand : {*lhs, *rhs}) {
    int64_t slot = operands.size();
    ArrayRef<int64_t> shape = operand->shape;
    SmallVector<int64_t> expanded(outShape->size() - shape.size(), 1);
    expanded.append(shape.begin(), shape.end());
    if (operand->constant) {
      // Constants take the common rank at import time.
      FailureOr<std::vector<float>> data = getFloatInput(slot, "the operand");
      if (failed(data))
        return failure();
      operands.push_back(createF32Const(expanded, *data, loc));
      continue;
    }
    FailureOr<Value> v = getInputValue(slot);
    if (failed(v))
      return failure();
    operands.push_back(createReshape(*v, expanded, loc));
  }
  RankedTensorType type = f32Type(*outShape);
  Value result;
  if (code == kAdd)
    result = tosa::AddOp::create(builder, loc, type, operands[0], operands[1]);
  else if (code == kSub)
    result = tosa::SubOp::create(builder, loc, type, operands[0], operands[1]);
  else if (code == kMaximum)
    result =
        tosa::MaximumOp::create(builder, loc, type, operands[0], operands[1]);
  else if (code == kMinimum)
    result =
        tosa::MinimumOp::create(builder, loc, type, operands[0], operands[1]);
  else
    result = createMul(operands[0], operands[1], *outShape, loc);
  FailureOr<Value> activated = applyActivation(result, act);
  if (failed(activated))
    return failure();
  return setOutput(*activated, *outShape);
}

LogicalResult TfliteImporter::convertActivation(int32_t code) {
  if (failed(checkArity(1, 1)))
    return failure();
  Location loc = current->loc;
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value result;
  switch (code) {
  case kRelu:
    result = createClamp(*input, 0.0f, std::numeric_limits<float>::max(), loc);
    break;
  case kRelu6:
    result = createClamp(*input, 0.0f, 6.0f, loc);
    break;
  case kReluN1To1:
    result = createClamp(*input, -1.0f, 1.0f, loc);
    break;
  case kLogistic:
    result = tosa::SigmoidOp::create(builder, loc, input->getType(), *input);
    break;
  case kLeakyRelu: {
    // alpha <= 1: max(x, alpha * x); alpha > 1: min(x, alpha * x).
    const fb::LeakyReluOptions *opts =
        current->op->builtin_options_as_LeakyReluOptions();
    float alpha = opts ? opts->alpha() : 0.0f;
    SmallVector<int64_t> shape(shapeOf(*input)), ones(shape.size(), 1);
    Value scaled =
        createMul(*input, createF32Const(ones, {alpha}, loc), shape, loc);
    if (alpha <= 1.0f)
      result = tosa::MaximumOp::create(builder, loc, input->getType(), *input,
                                       scaled);
    else
      result = tosa::MinimumOp::create(builder, loc, input->getType(), *input,
                                       scaled);
    break;
  }
  case kHardSwish: {
    // x * relu6(x + 3) / 6.
    SmallVector<int64_t> shape(shapeOf(*input)), ones(shape.size(), 1);
    Value shifted = tosa::AddOp::create(builder, loc, input->getType(), *input,
                                        createF32Const(ones, {3.0f}, loc));
    Value gate =
        createMul(createClamp(shifted, 0.0f, 6.0f, loc),
                  createF32Const(ones, {1.0f / 6.0f}, loc), shape, loc);
    result = createMul(*input, gate, shape, loc);
    break;
  }
  default:
    result = tosa::TanhOp::create(builder, loc, input->getType(), *input);
    break;
  }
  return setOutput(result, shapeOf(*input));
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::convertReshape() {
  if (failed(checkArity(1, 2)))
    return failure();
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  // Static models declare the result's shape; the shape input and the
  // new_shape option (which may hold -1) say the same.
  SmallVector<int64_t> outShape(outputShape());
  std::optional<int64_t> inCount = elementCount((*x)->shape);
  std::optional<int64_t> outCount = elementCount(outShape);
  if (!inCount || !outCount || *inCount != *outCount)
    return opError() << "cannot reshape " << formatShape((*x)->shape) << " to "
                     << formatShape(outShape);
  if ((*x)->constant && !(*x)->value) {
    Constant folded = *(*x)->constant;
    folded.shape = outShape;
    if (!folded.scales.empty() && folded.scales.size() > 1)
      return opError() << "reshaping a per-axis quantized constant is not "
                          "supported";
    return setOutputConstant(std::move(folded));
  }
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  return setOutput(createReshape(*input, outShape, current->loc), outShape);
}

LogicalResult TfliteImporter::convertTranspose() {
  if (failed(checkArity(2, 2)))
    return failure();
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<std::vector<int64_t>> perm = getIntInput(1, "the permutation");
  if (failed(perm))
    return failure();
  if (!import::isPermutation(*perm, (*x)->shape.size()))
    return opError() << "the permutation does not fit rank "
                     << (*x)->shape.size();
  SmallVector<int64_t> outShape = import::permuteShape((*x)->shape, *perm);
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Location loc = current->loc;
  Value result;
  if (import::isOrderPreservingPermutation((*x)->shape, *perm)) {
    // Only unit dimensions move: a reshape.
    result = createReshape(*input, outShape, loc);
  } else {
    SmallVector<int32_t> perms(perm->begin(), perm->end());
    result = tosa::TransposeOp::create(builder, loc, f32Type(outShape), *input,
                                       perms);
  }
  return setOutput(result, outShape);
}

LogicalResult TfliteImporter::convertSoftmax() {
  if (failed(checkArity(1, 1)))
    return failure();
  Location loc = current->loc;
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  const fb::SoftmaxOptions *opts =
      current->op->builtin_options_as_SoftmaxOptions();
  float beta = opts ? opts->beta() : 1.0f;
  SmallVector<int64_t> shape(shapeOf(*input));
  if (shape.empty())
    return opError() << "expected an input of rank >= 1";
  // softmax(beta * x) along the last axis, decomposed like the ONNX
  // importer's: max, subtract, exp, sum, reciprocal, multiply.
  Value x = *input;
  if (beta != 1.0f) {
    SmallVector<int64_t> ones(shape.size(), 1);
    x = createMul(x, createF32Const(ones, {beta}, loc), shape, loc);
  }
  uint32_t axis = static_cast<uint32_t>(shape.size() - 1);
  SmallVector<int64_t> reduced = shape;
  reduced[axis] = 1;
  RankedTensorType type = f32Type(shape), reducedType = f32Type(reduced);
  Value max = tosa::ReduceMaxOp::create(builder, loc, reducedType, x, axis);
  Value shifted = tosa::SubOp::create(builder, loc, type, x, max);
  Value exp = tosa::ExpOp::create(builder, loc, type, shifted);
  Value sum = tosa::ReduceSumOp::create(builder, loc, reducedType, exp, axis);
  Value inverse = tosa::ReciprocalOp::create(builder, loc, reducedType, sum);
  return setOutput(createMul(exp, inverse, shape, loc), shape);
}

LogicalResult TfliteImporter::convertConcatenation() {
  if (numInputs() < 1 || numOutputs() != 1)
    return opError() << "expected at least 1 input and 1 output";
  Location loc = current->loc;
  const fb::ConcatenationOptions *opts =
      current->op->builtin_options_as_ConcatenationOptions();
  if (!opts)
    return opError() << "missing ConcatenationOptions";
  SmallVector<Value> values;
  for (int64_t slot = 0; slot < numInputs(); ++slot) {
    FailureOr<Value> v = getInputValue(slot);
    if (failed(v))
      return failure();
    values.push_back(*v);
  }
  SmallVector<int64_t> shape(shapeOf(values[0]));
  int64_t rank = shape.size();
  int64_t axis = opts->axis();
  if (axis < -rank || axis >= rank)
    return opError() << "axis " << axis << " is out of range for rank " << rank;
  if (axis < 0)
    axis += rank;
  shape[axis] = 0;
  for (Value v : values) {
    ArrayRef<int64_t> s = shapeOf(v);
    for (int64_t d = 0; d < rank; ++d)
      if (static_cast<int64_t>(s.size()) != rank ||
          (d != axis && s[d] != shape[d]))
        return opError() << "inputs of shapes "
                         << formatShape(shapeOf(values[0])) << " and "
                         << formatShape(s)
                         << " cannot be concatenated along axis " << axis;
    shape[axis] += s[axis];
  }
  Value result = tosa::ConcatOp::create(builder, loc, f32Type(shape), values,
                                        static_cast<uint32_t>(axis));
  FailureOr<Value> activated =
      applyActivation(result, opts->fused_activation_function());
  if (failed(activated))
    return failure();
  return setOutput(*activated, shape);
}

LogicalResult TfliteImporter::convertPad(bool withValue) {
  if (failed(checkArity(2, withValue ? 3 : 2)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<std::vector<int64_t>> pads = getIntInput(1, "the paddings");
  if (failed(pads))
    return failure();
  int64_t rank = (*x)->shape.size();
  if (static_cast<int64_t>(pads->size()) != 2 * rank)
    return opError() << "expected paddings of shape " << rank << "x2, got "
                     << pads->size() << " values";
  float value = 0.0f;
  if (withValue && inputIndex(2) >= 0) {
    FailureOr<std::vector<float>> v = getFloatInput(2, "the padding value");
    if (failed(v))
      return failure();
    if (v->size() != 1)
      return opError() << "the padding value must have one element";
    value = (*v)[0];
  }
  SmallVector<int64_t> outShape((*x)->shape);
  for (int64_t d = 0; d < rank; ++d) {
    int64_t before = (*pads)[2 * d], after = (*pads)[2 * d + 1];
    if (before < 0 || after < 0 || before > kMaxElements ||
        after > kMaxElements)
      return opError() << "paddings must be non-negative";
    outShape[d] += before + after;
  }
  if (!elementCount(outShape))
    return opError() << "the padded shape is too large";
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  Value result = tosa::PadOp::create(builder, loc, f32Type(outShape), *input,
                                     createConstShape(*pads, loc),
                                     createF32Const({1}, {value}, loc));
  return setOutput(result, outShape);
}

LogicalResult TfliteImporter::convertMean() {
  if (failed(checkArity(2, 2)))
    return failure();
  Location loc = current->loc;
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  FailureOr<std::vector<int64_t>> axesData = getIntInput(1, "the axes");
  if (failed(axesData))
    return failure();
  const fb::ReducerOptions *opts =
      current->op->builtin_options_as_ReducerOptions();
  bool keepDims = opts && opts->keep_dims();
  int64_t rank = (*x)->shape.size();
  SmallVector<bool> reduce(rank, false);
  for (int64_t a : *axesData) {
    if (a < -rank || a >= rank)
      return opError() << "axis " << a << " is out of range for rank " << rank;
    reduce[a < 0 ? a + rank : a] = true;
  }
  FailureOr<Value> input = getInputValue(0);
  if (failed(input))
    return failure();
  // One tosa.reduce_sum per axis, then a multiplication by 1 / count.
  Value result = *input;
  SmallVector<int64_t> shape((*x)->shape), squeezed;
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduce[d]) {
      squeezed.push_back(shape[d]);
      continue;
    }
    count *= shape[d];
    shape[d] = 1;
    result = tosa::ReduceSumOp::create(builder, loc, f32Type(shape), result,
                                       static_cast<uint32_t>(d));
    if (keepDims)
      squeezed.push_back(1);
  }
  if (count == 0)
    return opError() << "mean over an empty axis";
  SmallVector<int64_t> ones(rank, 1);
  result = createMul(
      result, createF32Const(ones, {static_cast<float>(1.0 / count)}, loc),
      shape, loc);
  result = createReshape(result, squeezed, loc);
  return setOutput(result, squeezed);
}

//===----------------------------------------------------------------------===//
// QUANTIZE / DEQUANTIZE
//===----------------------------------------------------------------------===//

LogicalResult TfliteImporter::convertDequantize() {
  if (failed(checkArity(1, 1)))
    return failure();
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  if (!(*x)->constant) {
    const fb::Tensor *tensor = graph->tensors()->Get(inputIndex(0));
    if (options.dequantizeActivations) {
      // The runtime value already holds real values.
      FailureOr<Value> input = getInputValue(0);
      if (failed(input))
        return failure();
      return setOutput(*input, (*x)->shape);
    }
    if (isQuantizedActivationType(tensor->type()))
      return opError() << "dequantizes the runtime tensor '"
                       << tensorName(inputIndex(0)) << "': " << kFullyQuantized;
    // FLOAT16 activations do not occur in TFLite; anything else is invalid.
    return opError() << "the input ('" << tensorName(inputIndex(0))
                     << "') must be a constant";
  }
  // Weights stored quantized (or as float16): fold to float.
  FailureOr<std::vector<float>> data = getFloatInput(0, "the input");
  if (failed(data))
    return failure();
  Constant folded;
  folded.shape = (*x)->shape;
  folded.floats = std::move(*data);
  return setOutputConstant(std::move(folded));
}

LogicalResult TfliteImporter::convertQuantize() {
  if (failed(checkArity(1, 1)))
    return failure();
  FailureOr<TensorInfo *> x = getInput(0);
  if (failed(x))
    return failure();
  int64_t out = current->op->outputs()->Get(0);
  if (!(*x)->constant && options.dequantizeActivations) {
    // Activations are real values: quantizing them is dropped.
    FailureOr<Value> input = getInputValue(0);
    if (failed(input))
      return failure();
    return setOutput(*input, (*x)->shape);
  }
  if (!(*x)->constant)
    return opError() << "quantizes the runtime tensor '"
                     << tensorName(inputIndex(0)) << "': " << kFullyQuantized;
  // A constant quantized at import time (rare): its integers, with the
  // output's quantization, dequantized again wherever they are used.
  FailureOr<std::vector<float>> data = getFloatInput(0, "the input");
  if (failed(data))
    return failure();
  const fb::Tensor *tensor = graph->tensors()->Get(out);
  const fb::QuantizationParameters *q = tensor->quantization();
  if (!q || !q->scale() || q->scale()->size() != 1)
    return opError() << "the output ('" << tensorName(out)
                     << "') needs one scale";
  int64_t qmin, qmax;
  switch (tensor->type()) {
  case fb::TensorType::INT8:
    qmin = -128, qmax = 127;
    break;
  case fb::TensorType::UINT8:
    qmin = 0, qmax = 255;
    break;
  case fb::TensorType::INT16:
    qmin = -32768, qmax = 32767;
    break;
  default:
    return opError() << "unsupported output type " << typeName(tensor->type());
  }
  double scale = q->scale()->Get(0);
  std::vector<int64_t> zeroPoints = readZeroPoints(*q);
  int64_t zp = zeroPoints.empty() ? 0 : zeroPoints[0];
  if (!(scale > 0.0) || !std::isfinite(scale))
    return opError() << "the output's scale must be positive";
  Constant folded;
  folded.shape = (*x)->shape;
  folded.isFloat = false;
  folded.scales = {static_cast<float>(scale)};
  folded.zeroPoints = {zp};
  for (float v : *data) {
    // Round half away from zero (TFLite's reference quantizer), saturate.
    double r = std::round(static_cast<double>(v) / scale);
    if (!std::isfinite(r))
      r = r > 0 ? static_cast<double>(qmax) : static_cast<double>(qmin);
    r = std::clamp(r + static_cast<double>(zp), static_cast<double>(qmin),
                   static_cast<double>(qmax));
    folded.ints.push_back(static_cast<int64_t>(r));
  }
  return setOutputConstant(std::move(folded));
}
