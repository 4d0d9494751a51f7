//===- PackContractions.cpp - int8 contractions to packed mmt4d -----------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-arm-pack-contractions: realized int8 convolutions and fully connected
// layers (as hwq-convert-realized-to-linalg writes them) become
//
//   acc[m, n] = init[m, n] + corr[n] + sum_k x[m, k] * w[n, k]
//   corr[n]   = -z_x * sum_k w[n, k]          (compile time, mod 2^32)
//
// with the sum as a linalg.mmt4d on packed tiles: the activations padded
// with zeros and packed at run time ([M1, K1, M0, K0], a transpose), the
// weights packed at compile time ([N1, K1, N0, K0], a new constant). Since
// the i32 accumulator wraps, folding the zero point is exact: every term is
// the same modulo 2^32, and padded positions add 0.
//
//===----------------------------------------------------------------------===//

#include "KernelSelection.h"
#include "hwq/Codegen/ARM/Passes.h"

#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace hwq {
#define GEN_PASS_DEF_HWQARMPACKCONTRACTIONSPASS
#include "hwq/Codegen/ARM/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::arm;

namespace {

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
int64_t roundUp(int64_t a, int64_t b) { return ceilDiv(a, b) * b; }

/// The value of an integer constant, if `value` is one.
std::optional<int64_t> getConstantInt(Value value) {
  APInt result;
  if (!value || !matchPattern(value, m_ConstantInt(&result)))
    return std::nullopt;
  return result.getSExtValue();
}

/// The i8 elements of a constant tensor, if `value` is one.
DenseIntElementsAttr getConstantI8(Value value) {
  DenseIntElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) ||
      !attr.getElementType().isInteger(8))
    return {};
  return attr;
}

bool isStaticTensorOf(Value value, unsigned width) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.hasStaticShape() &&
         type.getElementType().isInteger(width);
}

/// Builds acc[m, n] = init[m, n] + sum_k (lhs[m, k] - zx) * w[n, k] on the
/// packed micro-kernel layout of `kernel`. `lhs` is [M, K] i8, `weights`
/// [N, K] i8, `init` [M, N] i32.
Value buildPackedContraction(OpBuilder &b, Location loc, Value lhs,
                             DenseIntElementsAttr weights, int64_t zx,
                             Value init, ArmKernel kernel) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  int64_t m = lhsType.getDimSize(0), k = lhsType.getDimSize(1);
  int64_t n = weights.getType().getDimSize(0);
  TileShape t = getTileShape(kernel, m, n);
  int64_t m1 = roundUp(ceilDiv(m, t.m0), t.mb);
  int64_t n1 = roundUp(ceilDiv(n, t.n0), t.nb);
  int64_t k1 = roundUp(ceilDiv(k, t.k0), t.k1Multiple);
  int64_t mp = m1 * t.m0, kp = k1 * t.k0;
  IntegerType i8 = b.getI8Type(), i32 = b.getI32Type();

  // Activations: pad with zeros, [M1, M0, K1, K0], transpose.
  Value a = lhs;
  if (mp != m || kp != k) {
    Value zero = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
    a = tensor::createPadHighOp(RankedTensorType::get({mp, kp}, i8), lhs, zero,
                                /*nofold=*/false, loc, b);
  }
  a = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get({m1, t.m0, k1, t.k0}, i8), a,
      ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
  Value aInit = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{m1, k1, t.m0, t.k0}, i8);
  a = linalg::TransposeOp::create(b, loc, a, aInit,
                                  ArrayRef<int64_t>{0, 2, 1, 3})
          .getResult()[0];

  // Weights, packed at compile time; the zero point correction.
  SmallVector<int8_t> packed(n1 * k1 * t.n0 * t.k0, 0);
  SmallVector<int32_t> correction(n, 0);
  {
    auto values = weights.getValues<int8_t>();
    auto it = values.begin();
    for (int64_t row = 0; row < n; ++row) {
      int64_t sum = 0;
      for (int64_t col = 0; col < k; ++col, ++it) {
        int8_t w = *it;
        sum += w;
        packed[((row / t.n0 * k1 + col / t.k0) * t.n0 + row % t.n0) * t.k0 +
               col % t.k0] = w;
      }
      // -zx * sum, wrapped to 32 bits like the accumulator.
      correction[row] = static_cast<int32_t>(
          static_cast<uint32_t>(static_cast<uint64_t>(-zx * sum)));
    }
  }
  Value bConst = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({n1, k1, t.n0, t.k0}, i8),
                             ArrayRef<int8_t>(packed)));

  // The packed product.
  auto accType = RankedTensorType::get({m1, n1, t.m0, t.n0}, i32);
  Value zero32 = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
  Value acc = tensor::EmptyOp::create(b, loc, accType.getShape(), i32);
  acc = linalg::FillOp::create(b, loc, zero32, acc).getResult(0);
  Value product =
      linalg::Mmt4DOp::create(b, loc, TypeRange{accType}, ValueRange{a, bConst},
                              ValueRange{acc})
          .getResult(0);

  // Unpack: [M1, M0, N1, N0] -> [Mp, Np] -> [M, N].
  Value cInit = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{m1, t.m0, n1, t.n0}, i32);
  Value c = linalg::TransposeOp::create(b, loc, product, cInit,
                                        ArrayRef<int64_t>{0, 2, 1, 3})
                .getResult()[0];
  int64_t np = n1 * t.n0;
  c = tensor::CollapseShapeOp::create(
      b, loc, RankedTensorType::get({mp, np}, i32), c,
      ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
  if (mp != m || np != n)
    c = tensor::ExtractSliceOp::create(
        b, loc, RankedTensorType::get({m, n}, i32), c, ValueRange{},
        ValueRange{}, ValueRange{}, b.getDenseI64ArrayAttr({0, 0}),
        b.getDenseI64ArrayAttr({m, n}), b.getDenseI64ArrayAttr({1, 1}));

  // init + correction + product, one elementwise op.
  MLIRContext *context = b.getContext();
  AffineExpr dm = b.getAffineDimExpr(0), dn = b.getAffineDimExpr(1);
  SmallVector<Value> inputs = {c};
  SmallVector<AffineMap> maps = {AffineMap::get(2, 0, {dm, dn}, context)};
  bool corrected = zx != 0;
  if (corrected) {
    inputs.push_back(arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(RankedTensorType::get({n}, i32),
                               ArrayRef<int32_t>(correction))));
    maps.push_back(AffineMap::get(2, 0, {dn}, context));
  }
  maps.push_back(AffineMap::get(2, 0, {dm, dn}, context));
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
      {utils::IteratorType::parallel, utils::IteratorType::parallel},
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value sum = arith::AddIOp::create(nb, l, args.back(), args[0]);
        if (corrected)
          sum = arith::AddIOp::create(nb, l, sum, args[1]);
        linalg::YieldOp::create(nb, l, sum);
      });
  return generic.getResult(0);
}

/// linalg.conv_2d_nhwc_fhwc_q (i8 x constant i8 weights, zero weight zero
/// point) through im2col.
struct PackConv : OpRewritePattern<linalg::Conv2DNhwcFhwcQOp> {
  PackConv(MLIRContext *context, ArmKernel kernel)
      : OpRewritePattern(context), kernel(kernel) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNhwcFhwcQOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    Value x = op.getInputs()[0];
    DenseIntElementsAttr weights = getConstantI8(op.getInputs()[1]);
    std::optional<int64_t> zx = getConstantInt(op.getInputs()[2]);
    std::optional<int64_t> zw = getConstantInt(op.getInputs()[3]);
    Value init = op.getOutputs()[0];
    if (!weights || !zx || zw != 0 || !isStaticTensorOf(x, 8) ||
        !isStaticTensorOf(init, 32))
      return rewriter.notifyMatchFailure(op, "not an i8 conv with constant "
                                             "symmetric weights");
    SmallVector<int64_t> strides(op.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations(op.getDilations().getValues<int64_t>());
    auto xType = cast<RankedTensorType>(x.getType());
    auto outType = cast<RankedTensorType>(init.getType());
    ArrayRef<int64_t> w = weights.getType().getShape();
    int64_t batch = outType.getDimSize(0), oh = outType.getDimSize(1),
            ow = outType.getDimSize(2), f = outType.getDimSize(3);
    int64_t kh = w[1], kw = w[2], c = w[3];
    int64_t m = batch * oh * ow, k = kh * kw * c;
    Location loc = op.getLoc();
    IntegerType i8 = rewriter.getI8Type();
    MLIRContext *context = rewriter.getContext();

    // The activations as [M, K].
    Value lhs;
    if (kh == 1 && kw == 1 && strides[0] == 1 && strides[1] == 1 &&
        xType.getDimSize(1) == oh && xType.getDimSize(2) == ow) {
      lhs = x;
    } else {
      auto patchType = RankedTensorType::get({batch, oh, ow, kh, kw, c}, i8);
      AffineExpr d[6];
      bindDims(context, d[0], d[1], d[2], d[3], d[4], d[5]);
      AffineMap inputMap =
          AffineMap::get(6, 0,
                         {d[0], d[1] * strides[0] + d[3] * dilations[0],
                          d[2] * strides[1] + d[4] * dilations[1], d[5]},
                         context);
      Value empty =
          tensor::EmptyOp::create(rewriter, loc, patchType.getShape(), i8);
      lhs =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{patchType}, ValueRange{x},
              ValueRange{empty}, {inputMap, rewriter.getMultiDimIdentityMap(6)},
              SmallVector<utils::IteratorType>(6,
                                               utils::IteratorType::parallel),
              [](OpBuilder &nb, Location l, ValueRange args) {
                linalg::YieldOp::create(nb, l, args[0]);
              })
              .getResult(0);
    }
    unsigned rank = cast<RankedTensorType>(lhs.getType()).getRank();
    ReassociationIndices head, tail;
    for (unsigned dim = 0; dim < 3; ++dim)
      head.push_back(dim);
    for (unsigned dim = 3; dim < rank; ++dim)
      tail.push_back(dim);
    lhs = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({m, k}, i8), lhs,
        ArrayRef<ReassociationIndices>{head, tail});

    Value init2d = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({m, f}, rewriter.getI32Type()),
        init, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
    DenseIntElementsAttr weights2d = cast<DenseIntElementsAttr>(
        weights.reshape(RankedTensorType::get({f, k}, i8)));
    Value acc = buildPackedContraction(rewriter, loc, lhs, weights2d, *zx,
                                       init2d, kernel);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, outType, acc, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
    return success();
  }

  ArmKernel kernel;
};

/// linalg.depthwise_conv_2d_nhwc_hwcm_q with one output per channel (M = 1),
/// i8 operands, constant weights and a zero weight zero point: the zero
/// point folded into a per-channel correction as for the other
/// contractions, and the sum as a linalg.generic whose loops run over
/// (n, oh, ow, kh, kw, c): the channels innermost and contiguous in the
/// input, the weights and the accumulator, so that LLVM vectorizes them
/// with widening multiply-adds (the upstream op puts the window innermost).
struct ReorderDepthwise : OpRewritePattern<linalg::DepthwiseConv2DNhwcHwcmQOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::DepthwiseConv2DNhwcHwcmQOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    Value x = op.getInputs()[0];
    DenseIntElementsAttr weights = getConstantI8(op.getInputs()[1]);
    std::optional<int64_t> zx = getConstantInt(op.getInputs()[2]);
    std::optional<int64_t> zw = getConstantInt(op.getInputs()[3]);
    Value init = op.getOutputs()[0];
    if (!weights || !zx || zw != 0 || !isStaticTensorOf(x, 8) ||
        !isStaticTensorOf(init, 32) || weights.getType().getShape()[3] != 1)
      return rewriter.notifyMatchFailure(op, "not an i8 depthwise conv with "
                                             "constant symmetric weights");
    SmallVector<int64_t> strides(op.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations(op.getDilations().getValues<int64_t>());
    ArrayRef<int64_t> w = weights.getType().getShape();
    int64_t kh = w[0], kw = w[1], c = w[2];
    auto outType = cast<RankedTensorType>(init.getType());
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    IntegerType i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();

    // Weights [KH, KW, C]; the correction -zx * sum over the window.
    auto w3Type = RankedTensorType::get({kh, kw, c}, i8);
    auto w3 = cast<DenseIntElementsAttr>(weights.reshape(w3Type));
    SmallVector<int64_t> sums(c, 0);
    {
      auto it = w3.getValues<int8_t>().begin();
      for (int64_t i = 0; i < kh * kw; ++i)
        for (int64_t ch = 0; ch < c; ++ch, ++it)
          sums[ch] += *it;
    }
    SmallVector<int32_t> correction;
    for (int64_t sum : sums)
      correction.push_back(static_cast<int32_t>(
          static_cast<uint32_t>(static_cast<uint64_t>(-*zx * sum))));

    auto acc4Type = RankedTensorType::get(outType.getShape().drop_back(), i32);
    Value acc = tensor::CollapseShapeOp::create(
        rewriter, loc, acc4Type, init,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    // The correction first (into the init), then the window sums.
    AffineExpr d[6];
    bindDims(context, d[0], d[1], d[2], d[3], d[4], d[5]);
    AffineMap id4 = rewriter.getMultiDimIdentityMap(4);
    if (*zx != 0) {
      Value corr = arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(RankedTensorType::get({c}, i32),
                                 ArrayRef<int32_t>(correction)));
      acc =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{acc4Type}, ValueRange{corr},
              ValueRange{acc}, {AffineMap::get(4, 0, {d[3]}, context), id4},
              SmallVector<utils::IteratorType>(4,
                                               utils::IteratorType::parallel),
              [](OpBuilder &nb, Location l, ValueRange args) {
                linalg::YieldOp::create(
                    nb, l,
                    ValueRange{arith::AddIOp::create(nb, l, args[1], args[0])});
              })
              .getResult(0);
    }
    Value wConst = arith::ConstantOp::create(rewriter, loc, w3);
    using utils::IteratorType;
    acc = linalg::GenericOp::create(
              rewriter, loc, TypeRange{acc4Type}, ValueRange{x, wConst},
              ValueRange{acc},
              {AffineMap::get(6, 0,
                              {d[0], d[1] * strides[0] + d[3] * dilations[0],
                               d[2] * strides[1] + d[4] * dilations[1], d[5]},
                              context),
               AffineMap::get(6, 0, {d[3], d[4], d[5]}, context),
               AffineMap::get(6, 0, {d[0], d[1], d[2], d[5]}, context)},
              {IteratorType::parallel, IteratorType::parallel,
               IteratorType::parallel, IteratorType::reduction,
               IteratorType::reduction, IteratorType::parallel},
              [&](OpBuilder &nb, Location l, ValueRange args) {
                Value product = arith::MulIOp::create(
                    nb, l, arith::ExtSIOp::create(nb, l, i32, args[0]),
                    arith::ExtSIOp::create(nb, l, i32, args[1]));
                linalg::YieldOp::create(
                    nb, l,
                    ValueRange{arith::AddIOp::create(nb, l, args[2], product)});
              })
              .getResult(0);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, outType, acc,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    return success();
  }
};

/// Whether `value` is `extsi(arg)` of block argument `arg`.
bool isSignExtensionOf(Value value, Value arg) {
  auto ext = value.getDefiningOp<arith::ExtSIOp>();
  return ext && ext.getIn() == arg;
}

/// The fully connected contraction of hwq-convert-realized-to-linalg:
///   acc[r, o] += (extsi(x[r, k]) - zx) * (extsi(w[o, k]) - zw)
/// with constant i8 weights and zw = 0.
struct PackFullyConnected : OpRewritePattern<linalg::GenericOp> {
  PackFullyConnected(MLIRContext *context, ArmKernel kernel)
      : OpRewritePattern(context), kernel(kernel) {}

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
        op.getNumDpsInits() != 1 || op.getNumLoops() != 3)
      return failure();
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    if (iterators[0] != utils::IteratorType::parallel ||
        iterators[1] != utils::IteratorType::parallel ||
        iterators[2] != utils::IteratorType::reduction)
      return failure();
    MLIRContext *context = rewriter.getContext();
    AffineExpr r, o, k;
    bindDims(context, r, o, k);
    SmallVector<AffineMap> expected = {AffineMap::get(3, 0, {r, k}, context),
                                       AffineMap::get(3, 0, {o, k}, context),
                                       AffineMap::get(3, 0, {r, o}, context)};
    if (op.getIndexingMapsArray() != expected)
      return failure();
    Value x = op.getDpsInputs()[0];
    DenseIntElementsAttr weights = getConstantI8(op.getDpsInputs()[1]);
    Value init = op.getDpsInits()[0];
    if (!weights || !isStaticTensorOf(x, 8) || !isStaticTensorOf(init, 32))
      return failure();

    // The body.
    Block &body = op.getRegion().front();
    auto yield = cast<linalg::YieldOp>(body.getTerminator());
    auto add = yield.getValues()[0].getDefiningOp<arith::AddIOp>();
    if (!add || add.getLhs() != body.getArgument(2))
      return failure();
    auto mul = add.getRhs().getDefiningOp<arith::MulIOp>();
    if (!mul)
      return failure();
    // Each factor is extsi(arg) - z, or extsi(arg) when z was folded away.
    auto centered = [&](Value factor, Value arg) -> std::optional<int64_t> {
      if (isSignExtensionOf(factor, arg))
        return 0;
      auto sub = factor.getDefiningOp<arith::SubIOp>();
      if (!sub || !isSignExtensionOf(sub.getLhs(), arg))
        return std::nullopt;
      return getConstantInt(sub.getRhs());
    };
    std::optional<int64_t> zx = centered(mul.getLhs(), body.getArgument(0));
    std::optional<int64_t> zw = centered(mul.getRhs(), body.getArgument(1));
    if (!zx || zw != 0)
      return failure();

    Value acc = buildPackedContraction(rewriter, op.getLoc(), x, weights, *zx,
                                       init, kernel);
    rewriter.replaceOp(op, acc);
    return success();
  }

  ArmKernel kernel;
};

struct HwqArmPackContractionsPass
    : hwq::impl::HwqArmPackContractionsPassBase<HwqArmPackContractionsPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<ArmKernel> selected = resolveArmKernel(kernel, getOperation());
    if (failed(selected))
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    patterns.add<PackConv, PackFullyConnected>(&getContext(), *selected);
    patterns.add<ReorderDepthwise>(&getContext());
    // One application per op: the new ops do not match again.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    config.enableFolding(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
  }
};

} // namespace
