//===- Prepare.cpp - fold batch-norm into convs and canonicalize -*- C++
//-*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-prepare folds the per-channel affine ops that batch normalization leaves
// behind after a convolution or matmul (`y = conv(x, w, b) * k + c`) into the
// contraction's constant weights and bias, so that annotate sees one
// quantizable op per layer and calibration sees the real weight range.
//
// Math (per output channel o):
//   conv(x, w, b) * k[o]  = conv(x, w * k[o], b * k[o])
//   conv(x, w, b) + c[o]  = conv(x, w, b + c[o])
//   conv(x, w, b) - c[o]  = conv(x, w, b - c[o])
// Each folded value is computed in double from the stored values and rounded
// once to the constant's element type. The folded graph is mathematically
// equal to the original; in float it differs only by reassociation (the
// product w * k[o] is rounded once before the convolution sums, instead of
// the sum being rounded and then multiplied).
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Tosa/Transforms/Passes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <optional>

namespace hwq {
#define GEN_PASS_DEF_HWQPREPAREPASS
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

//===----------------------------------------------------------------------===//
// Constant helpers
//===----------------------------------------------------------------------===//

/// The float values of a constant tensor in row-major order, or failure when
/// `value` is not a constant float tensor with a static shape.
static FailureOr<SmallVector<double>> getFloatConstant(Value value) {
  ElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return failure();
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !type.hasStaticShape() || !isa<FloatType>(type.getElementType()))
    return failure();
  auto values = attr.tryGetValues<APFloat>();
  if (!values)
    return failure();
  SmallVector<double> result;
  result.reserve(type.getNumElements());
  for (APFloat v : *values) {
    bool lost = false;
    v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
    result.push_back(v.convertToDouble());
  }
  return result;
}

/// Builds a `tosa.const` of `type` holding `values` rounded (to nearest, ties
/// to even) to the element type. Fails when a value is not finite after
/// rounding (an overflowing fold is not performed).
static FailureOr<Value> createFloatConstant(PatternRewriter &rewriter,
                                            Location loc, RankedTensorType type,
                                            ArrayRef<double> values) {
  auto elementType = cast<FloatType>(type.getElementType());
  SmallVector<APFloat> rounded;
  rounded.reserve(values.size());
  for (double v : values) {
    APFloat f(v);
    bool lost = false;
    f.convert(elementType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
              &lost);
    if (!f.isFinite())
      return failure();
    rounded.push_back(f);
  }
  auto attr = DenseElementsAttr::get(type, rounded);
  return tosa::ConstOp::create(rewriter, loc, type, attr).getResult();
}

/// The values of a constant that broadcasts along the last dimension of a
/// tensor of type `resultType` (shape [1, ..., 1, C] or [1, ..., 1]),
/// expanded to `C` values; failure for any other operand.
static FailureOr<SmallVector<double>>
getPerChannelConstant(Value value, RankedTensorType resultType) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != resultType.getRank() ||
      resultType.getRank() == 0)
    return failure();
  int64_t channels = resultType.getShape().back();
  for (int64_t dim : type.getShape().drop_back())
    if (dim != 1)
      return failure();
  int64_t last = type.getShape().back();
  if (last != 1 && last != channels)
    return failure();
  FailureOr<SmallVector<double>> values = getFloatConstant(value);
  if (failed(values))
    return failure();
  if (last == 1)
    return SmallVector<double>(channels, (*values)[0]);
  return values;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

namespace {
/// The foldable pieces of a conv2d, depthwise_conv2d or matmul.
struct Contraction {
  Operation *op = nullptr;
  /// Operand index of the weight (conv weight, matmul B).
  unsigned weightIndex = 1;
  /// Operand index of the bias, or -1 for matmul.
  int biasIndex = -1;
  /// Output channels (last dimension of the result).
  int64_t channels = 0;
};
} // namespace

/// Recognizes a float contraction with a static result; weights and bias are
/// checked by the callers.
static FailureOr<Contraction> getContraction(Value value) {
  Operation *op = value.getDefiningOp();
  if (!op)
    return failure();
  auto resultType = dyn_cast<RankedTensorType>(value.getType());
  if (!resultType || !resultType.hasStaticShape() ||
      !isa<FloatType>(resultType.getElementType()))
    return failure();
  Contraction c;
  c.op = op;
  c.channels = resultType.getShape().back();
  if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(op)) {
    c.biasIndex = 2;
    return c;
  }
  if (isa<tosa::MatMulOp>(op))
    return c;
  return failure();
}

/// The output channel of element `index` of a weight of shape `shape`:
/// conv2d OHWI -> O; depthwise HWCM -> C * M + m; matmul [B, K, N] -> N.
static int64_t weightChannel(Operation *op, ArrayRef<int64_t> shape,
                             int64_t numElements, int64_t index,
                             int64_t channels) {
  if (isa<tosa::Conv2DOp>(op))
    return index / (numElements / shape[0]);
  return index % channels;
}

/// Expands a conv bias of C or 1 elements to C values.
static FailureOr<SmallVector<double>> getBias(Value bias, int64_t channels) {
  FailureOr<SmallVector<double>> values = getFloatConstant(bias);
  if (failed(values))
    return failure();
  if (static_cast<int64_t>(values->size()) == channels)
    return values;
  if (values->size() == 1)
    return SmallVector<double>(channels, (*values)[0]);
  return failure();
}

/// Reads the batch-norm statistics (`hwq.bn_mean`, `hwq.bn_std`) of `op`
/// for `channels` channels, if it has valid ones.
static std::optional<std::pair<SmallVector<double>, SmallVector<double>>>
getBatchNormStats(Operation *op, int64_t channels) {
  auto mean = op->getAttrOfType<DenseElementsAttr>(kBatchNormMeanAttrName);
  auto stddev = op->getAttrOfType<DenseElementsAttr>(kBatchNormStdAttrName);
  if (!mean || !stddev || !isa<FloatType>(mean.getElementType()) ||
      !isa<FloatType>(stddev.getElementType()) ||
      mean.getNumElements() != channels || stddev.getNumElements() != channels)
    return std::nullopt;
  std::pair<SmallVector<double>, SmallVector<double>> stats;
  for (APFloat v : mean.getValues<APFloat>())
    stats.first.push_back(v.convertToDouble());
  for (APFloat v : stddev.getValues<APFloat>())
    stats.second.push_back(v.convertToDouble());
  return stats;
}

/// Moves batch-norm statistics onto the contraction `c` after a fold of
/// `folded` (a mul by `scale` or an add of `shift`, one per channel): the
/// folded op's own statistics describe the new output exactly; otherwise
/// the contraction's are transformed like its output (mean * k, std * |k|;
/// mean + k).
static void transferBatchNormStats(PatternRewriter &rewriter, Operation *c,
                                   Operation *folded, int64_t channels,
                                   ArrayRef<double> scale,
                                   ArrayRef<double> shift) {
  std::optional<std::pair<SmallVector<double>, SmallVector<double>>> stats =
      getBatchNormStats(folded, channels);
  if (!stats) {
    stats = getBatchNormStats(c, channels);
    if (!stats)
      return;
    for (int64_t o = 0; o < channels; ++o) {
      if (!scale.empty()) {
        stats->first[o] *= scale[o];
        stats->second[o] *= std::fabs(scale[o]);
      }
      if (!shift.empty())
        stats->first[o] += shift[o];
    }
  }
  auto type = RankedTensorType::get({channels}, rewriter.getF32Type());
  SmallVector<float> mean(stats->first.begin(), stats->first.end());
  SmallVector<float> stddev(stats->second.begin(), stats->second.end());
  rewriter.modifyOpInPlace(c, [&] {
    c->setAttr(kBatchNormMeanAttrName,
               DenseElementsAttr::get(type, ArrayRef<float>(mean)));
    c->setAttr(kBatchNormStdAttrName,
               DenseElementsAttr::get(type, ArrayRef<float>(stddev)));
  });
}

namespace {
/// `mul(contraction, k)` -> contraction with weights and bias scaled by k.
struct FoldMulIntoContraction : OpRewritePattern<tosa::MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tosa::MulOp mul,
                                PatternRewriter &rewriter) const override {
    // A float mul has shift 0; anything else is not a plain product.
    DenseElementsAttr shift;
    if (!matchPattern(mul.getShift(), m_Constant(&shift)) ||
        !shift.getElementType().isInteger(8) ||
        llvm::any_of(shift.getValues<APInt>(),
                     [](const APInt &v) { return !v.isZero(); }))
      return rewriter.notifyMatchFailure(mul, "shift is not constant zero");
    auto resultType = cast<RankedTensorType>(mul.getType());
    for (unsigned i = 0; i < 2; ++i) {
      Value produced = mul->getOperand(i);
      Value factor = mul->getOperand(1 - i);
      FailureOr<Contraction> c = getContraction(produced);
      if (failed(c) || !produced.hasOneUse() ||
          produced.getType() != resultType)
        continue;
      FailureOr<SmallVector<double>> scale =
          getPerChannelConstant(factor, resultType);
      if (failed(scale))
        continue;
      if (succeeded(fold(rewriter, *c, *scale))) {
        transferBatchNormStats(rewriter, c->op, mul, c->channels, *scale, {});
        rewriter.replaceOp(mul, produced);
        return success();
      }
    }
    return rewriter.notifyMatchFailure(mul, "not a per-channel scale of a "
                                            "contraction with constants");
  }

  static LogicalResult fold(PatternRewriter &rewriter, const Contraction &c,
                            ArrayRef<double> scale) {
    Value weight = c.op->getOperand(c.weightIndex);
    auto weightType = dyn_cast<RankedTensorType>(weight.getType());
    FailureOr<SmallVector<double>> w = getFloatConstant(weight);
    if (!weightType || failed(w))
      return failure();
    int64_t n = weightType.getNumElements();
    for (int64_t i = 0; i < n; ++i)
      (*w)[i] *=
          scale[weightChannel(c.op, weightType.getShape(), n, i, c.channels)];
    rewriter.setInsertionPoint(c.op);
    FailureOr<Value> newWeight =
        createFloatConstant(rewriter, weight.getLoc(), weightType, *w);
    if (failed(newWeight))
      return failure();
    Value newBias;
    if (c.biasIndex >= 0) {
      Value bias = c.op->getOperand(c.biasIndex);
      FailureOr<SmallVector<double>> b = getBias(bias, c.channels);
      if (failed(b))
        return failure();
      for (int64_t o = 0; o < c.channels; ++o)
        (*b)[o] *= scale[o];
      auto biasType = RankedTensorType::get(
          {c.channels}, cast<ShapedType>(bias.getType()).getElementType());
      FailureOr<Value> created =
          createFloatConstant(rewriter, bias.getLoc(), biasType, *b);
      if (failed(created))
        return failure();
      newBias = *created;
    }
    rewriter.modifyOpInPlace(c.op, [&] {
      c.op->setOperand(c.weightIndex, *newWeight);
      if (newBias)
        c.op->setOperand(c.biasIndex, newBias);
    });
    return success();
  }
};

/// `add(conv, k)` / `sub(conv, k)` -> conv with bias +/- k.
template <typename OpTy> struct FoldShiftIntoConvBias : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    constexpr bool isSub = std::is_same_v<OpTy, tosa::SubOp>;
    auto resultType = cast<RankedTensorType>(op.getType());
    // Sub folds only as conv - k; add is commutative.
    unsigned candidates = isSub ? 1 : 2;
    for (unsigned i = 0; i < candidates; ++i) {
      Value produced = op->getOperand(i);
      Value shift = op->getOperand(1 - i);
      FailureOr<Contraction> c = getContraction(produced);
      if (failed(c) || c->biasIndex < 0 || !produced.hasOneUse() ||
          produced.getType() != resultType)
        continue;
      FailureOr<SmallVector<double>> k =
          getPerChannelConstant(shift, resultType);
      if (failed(k))
        continue;
      Value bias = c->op->getOperand(c->biasIndex);
      FailureOr<SmallVector<double>> b = getBias(bias, c->channels);
      if (failed(b))
        continue;
      for (int64_t o = 0; o < c->channels; ++o)
        (*b)[o] = isSub ? (*b)[o] - (*k)[o] : (*b)[o] + (*k)[o];
      auto biasType = RankedTensorType::get(
          {c->channels}, cast<ShapedType>(bias.getType()).getElementType());
      rewriter.setInsertionPoint(c->op);
      FailureOr<Value> newBias =
          createFloatConstant(rewriter, bias.getLoc(), biasType, *b);
      if (failed(newBias))
        continue;
      rewriter.modifyOpInPlace(
          c->op, [&] { c->op->setOperand(c->biasIndex, *newBias); });
      SmallVector<double> signedShift(*k);
      if (isSub)
        for (double &v : signedShift)
          v = -v;
      transferBatchNormStats(rewriter, c->op, op, c->channels, {}, signedShift);
      rewriter.replaceOp(op, produced);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not a per-channel shift of a "
                                           "convolution with constant bias");
  }
};
} // namespace

void hwq::populateFoldBatchNormPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldMulIntoContraction, FoldShiftIntoConvBias<tosa::AddOp>,
               FoldShiftIntoConvBias<tosa::SubOp>>(patterns.getContext());
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

/// Rejects what prepare cannot handle: dynamic or unranked tensors on TOSA
/// ops, and contractions that are not float.
static LogicalResult verifyPreparable(Operation *root) {
  WalkResult result = root->walk([](Operation *op) {
    if (!isa<tosa::TosaDialect>(op->getDialect()))
      return WalkResult::advance();
    for (Type type :
         llvm::concat<Type>(llvm::to_vector(op->getOperandTypes()),
                            llvm::to_vector(op->getResultTypes()))) {
      if (auto shaped = dyn_cast<TensorType>(type);
          shaped && !shaped.hasStaticShape()) {
        op->emitOpError("has a dynamic or unranked tensor type ")
            << type << "; hwq-prepare needs static shapes";
        return WalkResult::interrupt();
      }
    }
    if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::MatMulOp>(op)) {
      Type element = getElementTypeOrSelf(op->getResult(0).getType());
      if (!isa<FloatType>(element)) {
        op->emitOpError("has element type ")
            << element << "; hwq-prepare expects a float graph";
        return WalkResult::interrupt();
      }
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

namespace {
struct PreparePass : public hwq::impl::HwqPreparePassBase<PreparePass> {
  using Base::Base;

  void runOnOperation() override {
    Operation *root = getOperation();
    if (failed(verifyPreparable(root)))
      return signalPassFailure();
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    if (foldBatchNorm)
      populateFoldBatchNormPatterns(patterns);
    if (canonicalize) {
      if (Dialect *tosa = ctx->getLoadedDialect<tosa::TosaDialect>())
        tosa->getCanonicalizationPatterns(patterns);
      for (RegisteredOperationName name : ctx->getRegisteredOperations())
        if (name.getDialectNamespace() ==
            tosa::TosaDialect::getDialectNamespace())
          name.getCanonicalizationPatterns(patterns, ctx);
      tosa::populateTosaFoldConstantTransposePatterns(ctx, patterns);
      tosa::populateTosaFoldConstantReciprocalPatterns(ctx, patterns);
      tosa::populateTosaConstantReduction(ctx, patterns,
                                          /*aggressiveReduceConstant=*/false);
    }
    if (failed(applyPatternsGreedily(root, std::move(patterns)))) {
      root->emitError("hwq-prepare did not converge");
      return signalPassFailure();
    }
  }
};
} // namespace
