//===- PackedContraction.cpp - target-independent contraction prep -------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq.conv2d / hwq.fully_connected -> packed contraction (see the header).
// Everything that depends on constants (packing, column sums, the bias
// correction) is computed here, in C++, at compile time.
//
//===----------------------------------------------------------------------===//

#include "hwq/Codegen/Common/PackedContraction.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace hwq {
namespace codegen {
#define GEN_PASS_DEF_HWQPACKCONTRACTIONSPASS
#define GEN_PASS_DEF_HWQFUSEELEMENTWISEPASS
#include "hwq/Codegen/Common/Passes.h.inc"
} // namespace codegen
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::codegen;

//===----------------------------------------------------------------------===//
// PackedContractionInfo
//===----------------------------------------------------------------------===//

DictionaryAttr PackedContractionInfo::toAttr(MLIRContext *context) const {
  Builder b(context);
  SmallVector<NamedAttribute> entries = {
      b.getNamedAttr("stride", b.getDenseI64ArrayAttr({strideH, strideW})),
      b.getNamedAttr("dilation",
                     b.getDenseI64ArrayAttr({dilationH, dilationW})),
      b.getNamedAttr("k_group", b.getI64IntegerAttr(kGroup)),
      b.getNamedAttr("n_block", b.getI64IntegerAttr(nBlock)),
      b.getNamedAttr("lhs_unsigned", b.getBoolAttr(lhsUnsigned)),
      b.getNamedAttr("lhs_range", b.getDenseI64ArrayAttr({lhsMin, lhsMax}))};
  return b.getDictionaryAttr(entries);
}

std::optional<PackedContractionInfo> PackedContractionInfo::get(Operation *op) {
  auto dict = op->getAttrOfType<DictionaryAttr>(kPackedContractionAttrName);
  if (!dict)
    return std::nullopt;
  auto stride = dict.getAs<DenseI64ArrayAttr>("stride");
  auto dilation = dict.getAs<DenseI64ArrayAttr>("dilation");
  auto kGroup = dict.getAs<IntegerAttr>("k_group");
  auto nBlock = dict.getAs<IntegerAttr>("n_block");
  auto lhsUnsigned = dict.getAs<BoolAttr>("lhs_unsigned");
  auto range = dict.getAs<DenseI64ArrayAttr>("lhs_range");
  if (!stride || stride.size() != 2 || !dilation || dilation.size() != 2 ||
      !kGroup || !nBlock || !lhsUnsigned || !range || range.size() != 2)
    return std::nullopt;
  PackedContractionInfo info;
  info.strideH = stride[0];
  info.strideW = stride[1];
  info.dilationH = dilation[0];
  info.dilationW = dilation[1];
  info.kGroup = kGroup.getInt();
  info.nBlock = nBlock.getInt();
  info.lhsUnsigned = lhsUnsigned.getValue();
  info.lhsMin = range[0];
  info.lhsMax = range[1];
  return info;
}

//===----------------------------------------------------------------------===//
// packContraction
//===----------------------------------------------------------------------===//

namespace {

int64_t roundUp(int64_t value, int64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

/// The contraction in OHWI form, whatever the op.
struct ContractionShape {
  int64_t n = 1, h = 1, w = 1, c = 1; // input
  int64_t oc = 1, kh = 1, kw = 1;     // weights
  int64_t oh = 1, ow = 1;             // output
  int64_t padTop = 0, padBottom = 0, padLeft = 0, padRight = 0;
  int64_t sh = 1, sw = 1, dh = 1, dw = 1;
};

/// Weight integers [OC, KH, KW, C] of an 8-bit signed constant, or failure.
FailureOr<SmallVector<int64_t>> getConstantWeights(Value weight,
                                                   int64_t expected) {
  DenseIntElementsAttr attr;
  if (!matchPattern(weight, m_Constant(&attr)))
    return failure();
  if (attr.getNumElements() != expected ||
      attr.getElementType().getIntOrFloatBitWidth() != 8)
    return failure();
  SmallVector<int64_t> values;
  values.reserve(expected);
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

/// Bias integers of a constant bias, or std::nullopt.
std::optional<SmallVector<int64_t>> getConstantBias(Value bias) {
  DenseIntElementsAttr attr;
  if (!bias || !matchPattern(bias, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

/// The slice of `source` at offset 0 with static `sizes`.
Value createLeadingSlice(RewriterBase &rewriter, Location loc, Value source,
                         ArrayRef<int64_t> sizes) {
  SmallVector<OpFoldResult> offsets, sizeValues, strides;
  for (int64_t size : sizes) {
    offsets.push_back(rewriter.getIndexAttr(0));
    sizeValues.push_back(rewriter.getIndexAttr(size));
    strides.push_back(rewriter.getIndexAttr(1));
  }
  return tensor::ExtractSliceOp::create(rewriter, loc, source, offsets,
                                        sizeValues, strides);
}

/// Wraps an exact integer to i32 (two's complement, mod 2^32).
int32_t wrapI32(int64_t value) {
  return static_cast<int32_t>(static_cast<uint32_t>(value));
}

/// The accumulator init of a packed contraction: `accType` is
/// [N, OH, OW, NB, NBLOCK]; the padded bias [NB * NBLOCK] is broadcast over
/// the first three dimensions.
Value createBlockedBiasInit(OpBuilder &rewriter, Location loc,
                                   RankedTensorType accType,
                                   Value biasPadded) {
  MLIRContext *context = rewriter.getContext();
  Type element = accType.getElementType();
  int64_t nb = accType.getDimSize(3), nBlock = accType.getDimSize(4);
  Value bias2d = tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get({nb, nBlock}, element), biasPadded,
      ArrayRef<ReassociationIndices>{{0, 1}});
  Value accEmpty =
      tensor::EmptyOp::create(rewriter, loc, accType.getShape(), element);
  return linalg::GenericOp::create(
             rewriter, loc, TypeRange{accType}, ValueRange{bias2d},
             ValueRange{accEmpty},
             ArrayRef<AffineMap>{
                 AffineMap::get(5, 0,
                                {rewriter.getAffineDimExpr(3),
                                 rewriter.getAffineDimExpr(4)},
                                context),
                 AffineMap::getMultiDimIdentityMap(5, context)},
             SmallVector<utils::IteratorType>(5, utils::IteratorType::parallel),
             [&](OpBuilder &b, Location l, ValueRange args) {
               linalg::YieldOp::create(b, l, args[0]);
             })
      .getResult(0);
}

LogicalResult packImpl(RewriterBase &rewriter, Operation *op, Value input,
                       Value weight, Value bias, ContractionShape s,
                       bool isFullyConnected, const PackingOptions &options) {
  FailureOr<QuantParams> in = getQuantParams(input.getType());
  FailureOr<QuantParams> w = getQuantParams(weight.getType());
  FailureOr<QuantParams> acc = getQuantParams(op->getResult(0).getType());
  auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  auto inputType = dyn_cast<RankedTensorType>(input.getType());
  if (failed(in) || failed(w) || failed(acc) || !resultType || !inputType ||
      !resultType.hasStaticShape() || !inputType.hasStaticShape())
    return rewriter.notifyMatchFailure(op, "unsupported types");
  if (in->isPerAxis() || in->storageWidth != 8 || w->storageWidth != 8 ||
      !w->isSigned || acc->storageWidth != 32 ||
      llvm::any_of(w->zeroPoints, [](int64_t z) { return z != 0; }))
    return rewriter.notifyMatchFailure(op, "not 8-bit symmetric with i32 acc");
  if (options.kGroup < 1 || options.nBlock < 1 || options.nAlign < 1)
    return rewriter.notifyMatchFailure(op, "bad packing options");
  FailureOr<SmallVector<int64_t>> weights =
      getConstantWeights(weight, s.oc * s.kh * s.kw * s.c);
  if (failed(weights))
    return rewriter.notifyMatchFailure(op, "weights are not a constant");

  // The activation shift: stored x becomes x + delta.
  int64_t delta = 0;
  bool lhsUnsigned = !in->isSigned;
  if (options.lhs == LhsSignedness::Unsigned && in->isSigned) {
    delta = 128;
    lhsUnsigned = true;
  } else if (options.lhs == LhsSignedness::Signed && !in->isSigned) {
    delta = -128;
    lhsUnsigned = false;
  }
  int64_t zx = in->getZeroPoint();
  int64_t shiftedZero = zx + delta;
  // The padding value must be representable in the shifted storage.
  int64_t lo = lhsUnsigned ? 0 : -128, hi = lhsUnsigned ? 255 : 127;
  if (shiftedZero < lo || shiftedZero > hi)
    return rewriter.notifyMatchFailure(op, "zero point outside the storage");

  MLIRContext *context = rewriter.getContext();
  Location loc = op->getLoc();
  IntegerType i8 = rewriter.getI8Type();
  IntegerType i32 = rewriter.getI32Type();

  // Packed weights [NB, KH, KW, Cg, nBlock, kGroup] and column sums.
  int64_t kGroup = options.kGroup;
  int64_t cp = roundUp(s.c, kGroup);
  int64_t cg = cp / kGroup;
  int64_t nBlock = std::min(options.nBlock, roundUp(s.oc, options.nAlign));
  int64_t ocp = roundUp(s.oc, nBlock);
  int64_t nb = ocp / nBlock;
  SmallVector<int8_t> packed(nb * s.kh * s.kw * cg * nBlock * kGroup, 0);
  SmallVector<int64_t> colsum(s.oc, 0);
  for (int64_t o = 0; o < s.oc; ++o)
    for (int64_t kh = 0; kh < s.kh; ++kh)
      for (int64_t kw = 0; kw < s.kw; ++kw)
        for (int64_t c = 0; c < s.c; ++c) {
          int64_t v = (*weights)[((o * s.kh + kh) * s.kw + kw) * s.c + c];
          colsum[o] += v;
          int64_t ob = o / nBlock, oi = o % nBlock;
          int64_t g = c / kGroup, ci = c % kGroup;
          packed[((((ob * s.kh + kh) * s.kw + kw) * cg + g) * nBlock + oi) *
                     kGroup +
                 ci] = static_cast<int8_t>(v);
        }
  auto packedType =
      RankedTensorType::get({nb, s.kh, s.kw, cg, nBlock, kGroup}, i8);
  Value packedWeights = arith::ConstantOp::create(
      rewriter, loc,
      DenseElementsAttr::get(packedType, ArrayRef<int8_t>(packed)));

  // Bias with the zero-point correction, padded to OCp.
  auto biasType = RankedTensorType::get({ocp}, i32);
  SmallVector<int32_t> correction(ocp, 0);
  for (int64_t o = 0; o < s.oc; ++o)
    correction[o] = wrapI32(-shiftedZero * colsum[o]);
  Value biasPadded;
  if (!bias) {
    biasPadded = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(biasType, ArrayRef<int32_t>(correction)));
  } else if (std::optional<SmallVector<int64_t>> constant =
                 getConstantBias(bias)) {
    for (int64_t o = 0; o < s.oc; ++o)
      correction[o] =
          wrapI32(static_cast<int64_t>(correction[o]) + (*constant)[o]);
    biasPadded = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(biasType, ArrayRef<int32_t>(correction)));
  } else {
    Value cst = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(biasType, ArrayRef<int32_t>(correction)));
    Value b = bias;
    if (ocp != s.oc) {
      SmallVector<OpFoldResult> low = {rewriter.getIndexAttr(0)};
      SmallVector<OpFoldResult> high = {rewriter.getIndexAttr(ocp - s.oc)};
      Value zero = arith::ConstantOp::create(rewriter, loc,
                                             rewriter.getI32IntegerAttr(0));
      b = tensor::PadOp::create(rewriter, loc, biasType, b, low, high, zero);
    }
    biasPadded = arith::AddIOp::create(rewriter, loc, b, cst);
  }

  // Activation: storage integers, as [N, H, W, C].
  auto storageType = RankedTensorType::get(inputType.getShape(), i8);
  Value x = quant::StorageCastOp::create(rewriter, loc, storageType, input);
  if (isFullyConnected) {
    ReassociationIndices leading;
    for (int64_t d = 0; d + 1 < inputType.getRank(); ++d)
      leading.push_back(d);
    SmallVector<ReassociationIndices> collapse = {
        leading, ReassociationIndices{inputType.getRank() - 1}};
    if (inputType.getRank() > 2)
      x = tensor::CollapseShapeOp::create(
          rewriter, loc, RankedTensorType::get({s.w, s.c}, i8), x, collapse);
    x = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({1, 1, s.w, s.c}, i8), x,
        ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
  }
  auto xType = RankedTensorType::get({s.n, s.h, s.w, s.c}, i8);
  if (delta != 0) {
    Value empty = tensor::EmptyOp::create(rewriter, loc, xType.getShape(), i8);
    AffineMap id = AffineMap::getMultiDimIdentityMap(4, context);
    x = linalg::GenericOp::create(
            rewriter, loc, TypeRange{xType}, ValueRange{x}, ValueRange{empty},
            ArrayRef<AffineMap>{id, id},
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value mask =
                  arith::ConstantOp::create(b, l, b.getIntegerAttr(i8, -128));
              linalg::YieldOp::create(
                  b, l, Value(arith::XOrIOp::create(b, l, args[0], mask)));
            })
            .getResult(0);
  }
  // The input rows/columns the windows reach (the floor division of the
  // output size may leave some unused), plus the channel padding.
  int64_t hp = (s.oh - 1) * s.sh + (s.kh - 1) * s.dh + 1;
  int64_t wp = (s.ow - 1) * s.sw + (s.kw - 1) * s.dw + 1;
  int64_t padBottom = hp - s.h - s.padTop;
  int64_t padRight = wp - s.w - s.padLeft;
  if (padBottom < 0 || padRight < 0) {
    // Rows beyond the last window: crop them away before padding.
    int64_t keepH = s.h + std::min<int64_t>(padBottom, 0);
    int64_t keepW = s.w + std::min<int64_t>(padRight, 0);
    x = createLeadingSlice(rewriter, loc, x, {s.n, keepH, keepW, s.c});
    padBottom = std::max<int64_t>(padBottom, 0);
    padRight = std::max<int64_t>(padRight, 0);
  }
  if (s.padTop || padBottom || s.padLeft || padRight || cp != s.c) {
    auto paddedType = RankedTensorType::get({s.n, hp, wp, cp}, i8);
    SmallVector<OpFoldResult> low = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(s.padTop),
        rewriter.getIndexAttr(s.padLeft), rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> high = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(padBottom),
        rewriter.getIndexAttr(padRight), rewriter.getIndexAttr(cp - s.c)};
    Value padValue = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(i8, shiftedZero));
    x = tensor::PadOp::create(rewriter, loc, paddedType, x, low, high, padValue,
                              /*nofold=*/false);
  }

  // Init: the bias broadcast over [N, OH, OW, NB, nBlock].
  auto accType = RankedTensorType::get({s.n, s.oh, s.ow, nb, nBlock}, i32);
  Value init = createBlockedBiasInit(rewriter, loc, accType, biasPadded);

  // The packed contraction over (n, oh, ow, ob, kh, kw, cg, oi, ci).
  SmallVector<AffineExpr> d;
  for (unsigned i = 0; i < 9; ++i)
    d.push_back(rewriter.getAffineDimExpr(i));
  AffineMap xMap =
      AffineMap::get(9, 0,
                     {d[0], d[1] * s.sh + d[4] * s.dh,
                      d[2] * s.sw + d[5] * s.dw, d[6] * kGroup + d[8]},
                     context);
  AffineMap wMap =
      AffineMap::get(9, 0, {d[3], d[4], d[5], d[6], d[7], d[8]}, context);
  AffineMap outMap =
      AffineMap::get(9, 0, {d[0], d[1], d[2], d[3], d[7]}, context);
  using utils::IteratorType;
  SmallVector<IteratorType> iterators = {
      IteratorType::parallel,  IteratorType::parallel,
      IteratorType::parallel,  IteratorType::parallel,
      IteratorType::reduction, IteratorType::reduction,
      IteratorType::reduction, IteratorType::parallel,
      IteratorType::reduction};
  auto contraction = linalg::GenericOp::create(
      rewriter, loc, TypeRange{accType}, ValueRange{x, packedWeights},
      ValueRange{init}, ArrayRef<AffineMap>{xMap, wMap, outMap}, iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value xe = lhsUnsigned
                       ? Value(arith::ExtUIOp::create(b, l, i32, args[0]))
                       : Value(arith::ExtSIOp::create(b, l, i32, args[0]));
        Value we = arith::ExtSIOp::create(b, l, i32, args[1]);
        Value mul = arith::MulIOp::create(b, l, xe, we);
        linalg::YieldOp::create(
            b, l, Value(arith::AddIOp::create(b, l, args[2], mul)));
      });
  PackedContractionInfo info;
  info.strideH = s.sh;
  info.strideW = s.sw;
  info.dilationH = s.dh;
  info.dilationW = s.dw;
  info.kGroup = kGroup;
  info.nBlock = nBlock;
  info.lhsUnsigned = lhsUnsigned;
  info.lhsMin = std::min(in->storageMin + delta, shiftedZero);
  info.lhsMax = std::max(in->storageMax + delta, shiftedZero);
  contraction->setAttr(kPackedContractionAttrName, info.toAttr(context));

  // Back to [N, OH, OW, OC] (or the fully connected shape), on the
  // accumulator's quantized type.
  Value result = tensor::CollapseShapeOp::create(
      rewriter, loc, RankedTensorType::get({s.n, s.oh, s.ow, ocp}, i32),
      contraction.getResult(0),
      ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
  if (ocp != s.oc)
    result = createLeadingSlice(rewriter, loc, result, {s.n, s.oh, s.ow, s.oc});
  if (isFullyConnected) {
    result = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({s.ow, s.oc}, i32), result,
        ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
    if (resultType.getRank() > 2) {
      ReassociationIndices leading;
      for (int64_t dim = 0; dim + 1 < resultType.getRank(); ++dim)
        leading.push_back(dim);
      result = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get(resultType.getShape(), i32),
          result,
          ArrayRef<ReassociationIndices>{
              leading, ReassociationIndices{resultType.getRank() - 1}});
    }
  }
  Value cast = quant::StorageCastOp::create(rewriter, loc, resultType, result);
  rewriter.replaceOp(op, cast);
  return success();
}

/// The float contraction: x [N, H, W, C] f32 (padded with 0), weights
/// [OC, KH, KW, C] packed [NB, KH, KW, C, nBlock, 1], bias broadcast into
/// the init (a constant or a tensor), no zero points.
LogicalResult packFloatImpl(RewriterBase &rewriter, Operation *op, Value input,
                            DenseFPElementsAttr weightAttr, Value bias,
                            ContractionShape s, bool weightsKxN,
                            int64_t nBlockOption, int64_t nAlign) {
  MLIRContext *context = rewriter.getContext();
  Location loc = op->getLoc();
  FloatType f32 = rewriter.getF32Type();
  SmallVector<float> weights;
  for (const APFloat &v : weightAttr.getValues<APFloat>())
    weights.push_back(v.convertToFloat());
  int64_t nBlock = std::min(nBlockOption, roundUp(s.oc, nAlign));
  int64_t ocp = roundUp(s.oc, nBlock);
  int64_t nb = ocp / nBlock;
  SmallVector<float> packed(nb * s.kh * s.kw * s.c * nBlock, 0.0f);
  for (int64_t o = 0; o < s.oc; ++o)
    for (int64_t kh = 0; kh < s.kh; ++kh)
      for (int64_t kw = 0; kw < s.kw; ++kw)
        for (int64_t c = 0; c < s.c; ++c) {
          float v = weightsKxN
                        ? weights[c * s.oc + o]
                        : weights[((o * s.kh + kh) * s.kw + kw) * s.c + c];
          packed[(((o / nBlock * s.kh + kh) * s.kw + kw) * s.c + c) * nBlock +
                 o % nBlock] = v;
        }
  auto packedType =
      RankedTensorType::get({nb, s.kh, s.kw, s.c, nBlock, 1}, f32);
  Value packedWeights = arith::ConstantOp::create(
      rewriter, loc,
      DenseElementsAttr::get(packedType, ArrayRef<float>(packed)));

  // Bias [OCp]: a constant, a broadcast scalar or a tensor.
  auto biasType = RankedTensorType::get({ocp}, f32);
  Value biasPadded;
  DenseFPElementsAttr biasAttr;
  if (!bias || matchPattern(bias, m_Constant(&biasAttr))) {
    SmallVector<float> values(ocp, 0.0f);
    if (bias) {
      SmallVector<float> b;
      for (const APFloat &v : biasAttr.getValues<APFloat>())
        b.push_back(v.convertToFloat());
      for (int64_t o = 0; o < s.oc; ++o)
        values[o] = b.size() == 1 ? b[0] : b[o];
    }
    biasPadded = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(biasType, ArrayRef<float>(values)));
  } else {
    auto bt = dyn_cast<RankedTensorType>(bias.getType());
    if (!bt || bt.getNumElements() != s.oc)
      return failure();
    biasPadded = bias;
    if (ocp != s.oc) {
      SmallVector<OpFoldResult> low = {rewriter.getIndexAttr(0)};
      SmallVector<OpFoldResult> high = {rewriter.getIndexAttr(ocp - s.oc)};
      Value zero =
          arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0));
      biasPadded =
          tensor::PadOp::create(rewriter, loc, biasType, bias, low, high, zero);
    }
  }

  Value x = input;
  auto inputType = cast<RankedTensorType>(input.getType());
  if (inputType.getRank() != 4) {
    // [1, M, K] -> [1, 1, M, K].
    x = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({1, 1, s.w, s.c}, f32), x,
        ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});
  }
  int64_t hp = (s.oh - 1) * s.sh + (s.kh - 1) * s.dh + 1;
  int64_t wp = (s.ow - 1) * s.sw + (s.kw - 1) * s.dw + 1;
  int64_t padBottom = hp - s.h - s.padTop;
  int64_t padRight = wp - s.w - s.padLeft;
  if (padBottom < 0 || padRight < 0) {
    int64_t keepH = s.h + std::min<int64_t>(padBottom, 0);
    int64_t keepW = s.w + std::min<int64_t>(padRight, 0);
    x = createLeadingSlice(rewriter, loc, x, {s.n, keepH, keepW, s.c});
    padBottom = std::max<int64_t>(padBottom, 0);
    padRight = std::max<int64_t>(padRight, 0);
  }
  if (s.padTop || padBottom || s.padLeft || padRight) {
    SmallVector<OpFoldResult> low = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(s.padTop),
        rewriter.getIndexAttr(s.padLeft), rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> high = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(padBottom),
        rewriter.getIndexAttr(padRight), rewriter.getIndexAttr(0)};
    Value zero =
        arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0));
    x = tensor::PadOp::create(rewriter, loc,
                              RankedTensorType::get({s.n, hp, wp, s.c}, f32), x,
                              low, high, zero, /*nofold=*/false);
  }

  auto accType = RankedTensorType::get({s.n, s.oh, s.ow, nb, nBlock}, f32);
  Value init = createBlockedBiasInit(rewriter, loc, accType, biasPadded);
  SmallVector<AffineExpr> d;
  for (unsigned i = 0; i < 9; ++i)
    d.push_back(rewriter.getAffineDimExpr(i));
  AffineMap xMap = AffineMap::get(
      9, 0,
      {d[0], d[1] * s.sh + d[4] * s.dh, d[2] * s.sw + d[5] * s.dw, d[6] + d[8]},
      context);
  AffineMap wMap =
      AffineMap::get(9, 0, {d[3], d[4], d[5], d[6], d[7], d[8]}, context);
  AffineMap outMap =
      AffineMap::get(9, 0, {d[0], d[1], d[2], d[3], d[7]}, context);
  using utils::IteratorType;
  SmallVector<IteratorType> iterators = {
      IteratorType::parallel,  IteratorType::parallel,
      IteratorType::parallel,  IteratorType::parallel,
      IteratorType::reduction, IteratorType::reduction,
      IteratorType::reduction, IteratorType::parallel,
      IteratorType::reduction};
  auto contraction = linalg::GenericOp::create(
      rewriter, loc, TypeRange{accType}, ValueRange{x, packedWeights},
      ValueRange{init}, ArrayRef<AffineMap>{xMap, wMap, outMap}, iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value mul = arith::MulFOp::create(b, l, args[0], args[1]);
        linalg::YieldOp::create(
            b, l, Value(arith::AddFOp::create(b, l, args[2], mul)));
      });
  PackedContractionInfo info;
  info.strideH = s.sh;
  info.strideW = s.sw;
  info.dilationH = s.dh;
  info.dilationW = s.dw;
  info.kGroup = 1;
  info.nBlock = nBlock;
  info.lhsUnsigned = false;
  info.lhsMin = 0;
  info.lhsMax = 0;
  contraction->setAttr(kPackedContractionAttrName, info.toAttr(context));

  Value result = tensor::CollapseShapeOp::create(
      rewriter, loc, RankedTensorType::get({s.n, s.oh, s.ow, ocp}, f32),
      contraction.getResult(0),
      ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
  if (ocp != s.oc)
    result = createLeadingSlice(rewriter, loc, result, {s.n, s.oh, s.ow, s.oc});
  if (inputType.getRank() != 4)
    result = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({1, s.ow, s.oc}, f32), result,
        ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});
  rewriter.replaceOp(op, result);
  return success();
}

/// True when `value` is a constant whose elements are all zero (a float
/// zero point).
bool isZeroConstant(Value value) {
  DenseFPElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return false;
  return llvm::all_of(attr.getValues<APFloat>(),
                      [](const APFloat &v) { return v.isZero(); });
}

/// The depthwise schedule: one linalg.generic over
/// (n, oh, ow, kh, kw, c) with the channels innermost, so that the loops
/// it lowers to vectorize over channels (contiguous NHWC input, [KH, KW, C]
/// weights, the accumulator row); the input zero point is folded into the
/// bias as for the packed contractions.
LogicalResult packDepthwiseImpl(RewriterBase &rewriter, Operation *op, Value x,
                                Value weights, Value bias,
                                ArrayRef<int64_t> biasConstant,
                                ContractionShape s, Type accElement,
                                bool lhsUnsigned, Attribute padValue) {
  MLIRContext *context = rewriter.getContext();
  Location loc = op->getLoc();
  Type element = cast<RankedTensorType>(x.getType()).getElementType();
  int64_t hp = (s.oh - 1) * s.sh + (s.kh - 1) * s.dh + 1;
  int64_t wp = (s.ow - 1) * s.sw + (s.kw - 1) * s.dw + 1;
  int64_t padBottom = hp - s.h - s.padTop;
  int64_t padRight = wp - s.w - s.padLeft;
  if (padBottom < 0 || padRight < 0) {
    int64_t keepH = s.h + std::min<int64_t>(padBottom, 0);
    int64_t keepW = s.w + std::min<int64_t>(padRight, 0);
    x = createLeadingSlice(rewriter, loc, x, {s.n, keepH, keepW, s.c});
    padBottom = std::max<int64_t>(padBottom, 0);
    padRight = std::max<int64_t>(padRight, 0);
  }
  if (s.padTop || padBottom || s.padLeft || padRight) {
    SmallVector<OpFoldResult> low = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(s.padTop),
        rewriter.getIndexAttr(s.padLeft), rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> high = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(padBottom),
        rewriter.getIndexAttr(padRight), rewriter.getIndexAttr(0)};
    Value pv =
        arith::ConstantOp::create(rewriter, loc, cast<TypedAttr>(padValue));
    x = tensor::PadOp::create(
        rewriter, loc, RankedTensorType::get({s.n, hp, wp, s.c}, element), x,
        low, high, pv, /*nofold=*/false);
  }
  // Weights [KH, KW, C, 1] -> [KH, KW, C].
  auto wType = cast<RankedTensorType>(weights.getType());
  Value w = tensor::CollapseShapeOp::create(
      rewriter, loc,
      RankedTensorType::get({s.kh, s.kw, s.c}, wType.getElementType()), weights,
      ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
  auto biasType = RankedTensorType::get({s.c}, accElement);
  Value biasValue;
  if (!bias) {
    SmallVector<Attribute> values;
    for (int64_t v : biasConstant)
      values.push_back(
          isa<FloatType>(accElement)
              ? Attribute(rewriter.getFloatAttr(accElement, 0.0))
              : Attribute(rewriter.getIntegerAttr(accElement, wrapI32(v))));
    biasValue = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(biasType, values));
  } else {
    biasValue = bias;
  }
  auto accType = RankedTensorType::get({s.n, s.oh, s.ow, s.c}, accElement);
  Value empty =
      tensor::EmptyOp::create(rewriter, loc, accType.getShape(), accElement);
  Value init =
      linalg::GenericOp::create(
          rewriter, loc, TypeRange{accType}, ValueRange{biasValue},
          ValueRange{empty},
          ArrayRef<AffineMap>{
              AffineMap::get(4, 0, {rewriter.getAffineDimExpr(3)}, context),
              AffineMap::getMultiDimIdentityMap(4, context)},
          SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
          [&](OpBuilder &b, Location l, ValueRange args) {
            linalg::YieldOp::create(b, l, args[0]);
          })
          .getResult(0);
  SmallVector<AffineExpr> d;
  for (unsigned i = 0; i < 6; ++i)
    d.push_back(rewriter.getAffineDimExpr(i));
  AffineMap xMap = AffineMap::get(
      6, 0, {d[0], d[1] * s.sh + d[3] * s.dh, d[2] * s.sw + d[4] * s.dw, d[5]},
      context);
  AffineMap wMap = AffineMap::get(6, 0, {d[3], d[4], d[5]}, context);
  AffineMap outMap = AffineMap::get(6, 0, {d[0], d[1], d[2], d[5]}, context);
  using utils::IteratorType;
  auto generic = linalg::GenericOp::create(
      rewriter, loc, TypeRange{accType}, ValueRange{x, w}, ValueRange{init},
      ArrayRef<AffineMap>{xMap, wMap, outMap},
      ArrayRef<IteratorType>{IteratorType::parallel, IteratorType::parallel,
                             IteratorType::parallel, IteratorType::reduction,
                             IteratorType::reduction, IteratorType::parallel},
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value product;
        if (isa<FloatType>(accElement)) {
          product = arith::MulFOp::create(b, l, args[0], args[1]);
          linalg::YieldOp::create(
              b, l, Value(arith::AddFOp::create(b, l, args[2], product)));
          return;
        }
        Value xe =
            lhsUnsigned
                ? Value(arith::ExtUIOp::create(b, l, accElement, args[0]))
                : Value(arith::ExtSIOp::create(b, l, accElement, args[0]));
        Value we = arith::ExtSIOp::create(b, l, accElement, args[1]);
        product = arith::MulIOp::create(b, l, xe, we);
        linalg::YieldOp::create(
            b, l, Value(arith::AddIOp::create(b, l, args[2], product)));
      });
  generic->setAttr(kDepthwiseAttrName, rewriter.getUnitAttr());
  Value result = generic.getResult(0);
  Type resultType = op->getResult(0).getType();
  if (result.getType() != resultType)
    result = quant::StorageCastOp::create(rewriter, loc, resultType, result);
  rewriter.replaceOp(op, result);
  return success();
}

} // namespace

LogicalResult codegen::packContraction(RewriterBase &rewriter, Operation *op,
                                       const PackingOptions &options) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  if (auto conv = dyn_cast<Conv2DOp>(op)) {
    auto inType = dyn_cast<RankedTensorType>(conv.getInput().getType());
    auto wType = dyn_cast<RankedTensorType>(conv.getWeight().getType());
    auto outType = dyn_cast<RankedTensorType>(conv.getOutput().getType());
    if (!inType || !wType || !outType || !inType.hasStaticShape() ||
        !wType.hasStaticShape() || !outType.hasStaticShape())
      return failure();
    ContractionShape s;
    s.n = inType.getDimSize(0);
    s.h = inType.getDimSize(1);
    s.w = inType.getDimSize(2);
    s.c = inType.getDimSize(3);
    s.oc = wType.getDimSize(0);
    s.kh = wType.getDimSize(1);
    s.kw = wType.getDimSize(2);
    s.oh = outType.getDimSize(1);
    s.ow = outType.getDimSize(2);
    ArrayRef<int64_t> pad = conv.getPad();
    s.padTop = pad[0];
    s.padBottom = pad[1];
    s.padLeft = pad[2];
    s.padRight = pad[3];
    s.sh = conv.getStride()[0];
    s.sw = conv.getStride()[1];
    s.dh = conv.getDilation()[0];
    s.dw = conv.getDilation()[1];
    // A pointwise convolution (1x1, stride 1, no padding) is a fully
    // connected layer over all N*H*W pixels: one long row of tiles instead
    // of short image rows with remainder tiles.
    if (s.kh == 1 && s.kw == 1 && s.sh == 1 && s.sw == 1 && !s.padTop &&
        !s.padBottom && !s.padLeft && !s.padRight && s.oh == s.h &&
        s.ow == s.w) {
      ContractionShape fc;
      fc.c = s.c;
      fc.oc = s.oc;
      fc.w = fc.ow = s.n * s.h * s.w;
      return packImpl(rewriter, op, conv.getInput(), conv.getWeight(),
                      conv.getBias(), fc, /*isFullyConnected=*/true, options);
    }
    return packImpl(rewriter, op, conv.getInput(), conv.getWeight(),
                    conv.getBias(), s, /*isFullyConnected=*/false, options);
  }
  if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
    auto inType = dyn_cast<RankedTensorType>(fc.getInput().getType());
    auto wType = dyn_cast<RankedTensorType>(fc.getWeight().getType());
    if (!inType || !wType || !inType.hasStaticShape() ||
        !wType.hasStaticShape() || inType.getRank() < 2)
      return failure();
    ContractionShape s;
    s.c = inType.getDimSize(inType.getRank() - 1);
    s.w = inType.getNumElements() / std::max<int64_t>(s.c, 1);
    s.ow = s.w;
    s.oc = wType.getDimSize(0);
    return packImpl(rewriter, op, fc.getInput(), fc.getWeight(), fc.getBias(),
                    s, /*isFullyConnected=*/true, options);
  }
  return failure();
}

LogicalResult codegen::packFloatContraction(RewriterBase &rewriter,
                                            Operation *op,
                                            const PackingOptions &options) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  auto f32Static = [](Value v) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t && t.hasStaticShape() && t.getElementType().isF32() ? t : nullptr;
  };
  if (auto conv = dyn_cast<tosa::Conv2DOp>(op)) {
    RankedTensorType in = f32Static(conv.getInput());
    RankedTensorType wt = f32Static(conv.getWeight());
    RankedTensorType out = f32Static(conv.getOutput());
    DenseFPElementsAttr weights;
    if (!in || !wt || !out ||
        !matchPattern(conv.getWeight(), m_Constant(&weights)) ||
        !isZeroConstant(conv.getInputZp()) ||
        !isZeroConstant(conv.getWeightZp()))
      return failure();
    ContractionShape s;
    s.n = in.getDimSize(0);
    s.h = in.getDimSize(1);
    s.w = in.getDimSize(2);
    s.c = in.getDimSize(3);
    s.oc = wt.getDimSize(0);
    s.kh = wt.getDimSize(1);
    s.kw = wt.getDimSize(2);
    s.oh = out.getDimSize(1);
    s.ow = out.getDimSize(2);
    ArrayRef<int64_t> pad = conv.getPad();
    s.padTop = pad[0];
    s.padBottom = pad[1];
    s.padLeft = pad[2];
    s.padRight = pad[3];
    s.sh = conv.getStride()[0];
    s.sw = conv.getStride()[1];
    s.dh = conv.getDilation()[0];
    s.dw = conv.getDilation()[1];
    return packFloatImpl(rewriter, op, conv.getInput(), weights, conv.getBias(),
                         s, /*weightsKxN=*/false, options.nBlock,
                         options.nAlign);
  }
  if (auto matmul = dyn_cast<tosa::MatMulOp>(op)) {
    RankedTensorType a = f32Static(matmul.getA());
    RankedTensorType b = f32Static(matmul.getB());
    DenseFPElementsAttr weights;
    if (!a || !b || a.getDimSize(0) != 1 || b.getDimSize(0) != 1 ||
        !matchPattern(matmul.getB(), m_Constant(&weights)) ||
        !isZeroConstant(matmul.getAZp()) || !isZeroConstant(matmul.getBZp()))
      return failure();
    ContractionShape s;
    s.w = a.getDimSize(1);
    s.ow = s.w;
    s.c = a.getDimSize(2);
    s.oc = b.getDimSize(2);
    return packFloatImpl(rewriter, op, matmul.getA(), weights, Value(), s,
                         /*weightsKxN=*/true, options.nBlock, options.nAlign);
  }
  return failure();
}

LogicalResult codegen::packDepthwise(RewriterBase &rewriter, Operation *op) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  auto shapeOf =
      [](Value input, Value weight, Value output, ArrayRef<int64_t> pad,
         ArrayRef<int64_t> stride,
         ArrayRef<int64_t> dilation) -> std::optional<ContractionShape> {
    auto in = dyn_cast<RankedTensorType>(input.getType());
    auto wt = dyn_cast<RankedTensorType>(weight.getType());
    auto out = dyn_cast<RankedTensorType>(output.getType());
    if (!in || !wt || !out || !in.hasStaticShape() || !wt.hasStaticShape() ||
        !out.hasStaticShape() || wt.getDimSize(3) != 1)
      return std::nullopt;
    ContractionShape s;
    s.n = in.getDimSize(0);
    s.h = in.getDimSize(1);
    s.w = in.getDimSize(2);
    s.c = in.getDimSize(3);
    s.kh = wt.getDimSize(0);
    s.kw = wt.getDimSize(1);
    s.oh = out.getDimSize(1);
    s.ow = out.getDimSize(2);
    s.padTop = pad[0];
    s.padBottom = pad[1];
    s.padLeft = pad[2];
    s.padRight = pad[3];
    s.sh = stride[0];
    s.sw = stride[1];
    s.dh = dilation[0];
    s.dw = dilation[1];
    return s;
  };
  if (auto dwOp = dyn_cast<DepthwiseConv2DOp>(op)) {
    std::optional<ContractionShape> s =
        shapeOf(dwOp.getInput(), dwOp.getWeight(), dwOp.getOutput(),
                dwOp.getPad(), dwOp.getStride(), dwOp.getDilation());
    FailureOr<QuantParams> in = getQuantParams(dwOp.getInput().getType());
    FailureOr<QuantParams> w = getQuantParams(dwOp.getWeight().getType());
    FailureOr<QuantParams> acc = getQuantParams(dwOp.getOutput().getType());
    if (!s || failed(in) || failed(w) || failed(acc) || in->isPerAxis() ||
        in->storageWidth != 8 || w->storageWidth != 8 || !w->isSigned ||
        acc->storageWidth != 32 ||
        llvm::any_of(w->zeroPoints, [](int64_t z) { return z != 0; }))
      return failure();
    FailureOr<SmallVector<int64_t>> weights =
        getConstantWeights(dwOp.getWeight(), s->kh * s->kw * s->c);
    if (failed(weights))
      return failure();
    // bias - z_x * sum over taps of w[., ., c].
    SmallVector<int64_t> correction(s->c, 0);
    int64_t zx = in->getZeroPoint();
    for (int64_t t = 0; t < s->kh * s->kw; ++t)
      for (int64_t c = 0; c < s->c; ++c)
        correction[c] -= zx * (*weights)[t * s->c + c];
    Value bias;
    if (Value b = dwOp.getBias()) {
      if (std::optional<SmallVector<int64_t>> constant = getConstantBias(b)) {
        for (int64_t c = 0; c < s->c; ++c)
          correction[c] += (*constant)[c];
      } else {
        SmallVector<int32_t> values;
        for (int64_t v : correction)
          values.push_back(wrapI32(v));
        Value cst = arith::ConstantOp::create(
            rewriter, op->getLoc(),
            DenseElementsAttr::get(
                RankedTensorType::get({s->c}, rewriter.getI32Type()),
                ArrayRef<int32_t>(values)));
        bias = arith::AddIOp::create(rewriter, op->getLoc(), b, cst);
      }
    }
    IntegerType i8 = rewriter.getI8Type();
    auto inType = cast<RankedTensorType>(dwOp.getInput().getType());
    Value x = quant::StorageCastOp::create(
        rewriter, op->getLoc(), RankedTensorType::get(inType.getShape(), i8),
        dwOp.getInput());
    auto wType = cast<RankedTensorType>(dwOp.getWeight().getType());
    Value wStorage = quant::StorageCastOp::create(
        rewriter, op->getLoc(), RankedTensorType::get(wType.getShape(), i8),
        dwOp.getWeight());
    return packDepthwiseImpl(rewriter, op, x, wStorage, bias, correction, *s,
                             rewriter.getI32Type(), !in->isSigned,
                             rewriter.getIntegerAttr(i8, zx));
  }
  if (auto dwOp = dyn_cast<tosa::DepthwiseConv2DOp>(op)) {
    std::optional<ContractionShape> s =
        shapeOf(dwOp.getInput(), dwOp.getWeight(), dwOp.getOutput(),
                dwOp.getPad(), dwOp.getStride(), dwOp.getDilation());
    auto in = dyn_cast<RankedTensorType>(dwOp.getInput().getType());
    DenseFPElementsAttr biasAttr;
    if (!s || !in || !in.getElementType().isF32() ||
        !isZeroConstant(dwOp.getInputZp()) ||
        !isZeroConstant(dwOp.getWeightZp()))
      return failure();
    Value bias = dwOp.getBias();
    auto biasType = dyn_cast<RankedTensorType>(bias.getType());
    if (!biasType || biasType.getNumElements() != s->c)
      return failure();
    return packDepthwiseImpl(rewriter, op, dwOp.getInput(), dwOp.getWeight(),
                             bias, {}, *s, rewriter.getF32Type(),
                             /*lhsUnsigned=*/false,
                             rewriter.getF32FloatAttr(0.0));
  }
  return failure();
}

namespace {

struct PackContractionPattern : RewritePattern {
  PackContractionPattern(MLIRContext *context, PackingOptions options)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context),
        options(options) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<Conv2DOp, FullyConnectedOp>(op))
      return failure();
    return packContraction(rewriter, op, options);
  }
  PackingOptions options;
};

struct HwqPackContractionsPass
    : hwq::codegen::impl::HwqPackContractionsPassBase<HwqPackContractionsPass> {
  using HwqPackContractionsPassBase::HwqPackContractionsPassBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!targetPrefix.empty()) {
      TargetAttr target = TargetAttr::lookup(module);
      if (!target || !target.getName().starts_with(targetPrefix))
        return;
    }
    PackingOptions options;
    options.kGroup = kGroup;
    options.nBlock = nBlock;
    options.nAlign = nAlign;
    if (lhs == "unsigned")
      options.lhs = LhsSignedness::Unsigned;
    else if (lhs == "signed")
      options.lhs = LhsSignedness::Signed;
    else if (lhs == "keep")
      options.lhs = LhsSignedness::Keep;
    else {
      module.emitError() << "hwq-pack-contractions: unknown lhs '" << lhs
                         << "' (unsigned, signed or keep)";
      return signalPassFailure();
    }
    if (kGroup < 1 || nBlock < 1 || nAlign < 1) {
      module.emitError("hwq-pack-contractions: k-group, n-block and n-align "
                       "must be positive");
      return signalPassFailure();
    }
    SmallVector<Operation *> candidates, floats;
    module.walk([&](Operation *op) {
      if (isa<Conv2DOp, FullyConnectedOp>(op))
        candidates.push_back(op);
      if (packFloat && isa<tosa::Conv2DOp, tosa::MatMulOp>(op))
        floats.push_back(op);
    });
    IRRewriter rewriter(module.getContext());
    for (Operation *op : candidates)
      (void)packContraction(rewriter, op, options);
    PackingOptions floatOptions = options;
    floatOptions.nBlock = floatNBlock;
    floatOptions.nAlign = floatNBlock;
    for (Operation *op : floats)
      (void)packFloatContraction(rewriter, op, floatOptions);
    if (depthwise) {
      SmallVector<Operation *> depthwiseOps;
      module.walk([&](Operation *op) {
        if (isa<DepthwiseConv2DOp>(op) ||
            (packFloat && isa<tosa::DepthwiseConv2DOp>(op)))
          depthwiseOps.push_back(op);
      });
      for (Operation *op : depthwiseOps)
        (void)packDepthwise(rewriter, op);
    }
  }
};

struct HwqFuseElementwisePass
    : hwq::codegen::impl::HwqFuseElementwisePassBase<HwqFuseElementwisePass> {
  void runOnOperation() override {
    // The upstream pass's pattern set with our control function.
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns,
                                                 shouldFuseIntoConsumer);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns,
                                                      shouldFuseIntoConsumer);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns,
                                                 shouldFuseIntoConsumer);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns),
                                GreedyRewriteConfig().setUseTopDownTraversal());
  }
};

} // namespace

void codegen::populatePackContractionPatterns(RewritePatternSet &patterns,
                                              const PackingOptions &options) {
  patterns.add<PackContractionPattern>(patterns.getContext(), options);
}

bool codegen::shouldFuseIntoConsumer(OpOperand *fusedOperand) {
  if (fusedOperand->getOwner()->hasAttr(kPackedContractionAttrName) ||
      fusedOperand->getOwner()->hasAttr(kDepthwiseAttrName))
    return false;
  Operation *producer = fusedOperand->get().getDefiningOp();
  return producer && producer->hasOneUse() &&
         !producer->hasAttr(kPackedContractionAttrName) &&
         !producer->hasAttr(kDepthwiseAttrName);
}
