//===- LoweringUtils.cpp - helpers of the HwqToLinalg patterns ------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "../Common/FixedPointArith.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::conversion;

//===----------------------------------------------------------------------===//
// ElementwiseBuilder
//===----------------------------------------------------------------------===//

ElementwiseBuilder::ElementwiseBuilder(OpBuilder &builder, Location loc,
                                       RankedTensorType resultType)
    : builder(builder), loc(loc), resultType(resultType) {}

unsigned ElementwiseBuilder::addInput(Value tensor, AffineMap map) {
  entries.push_back({static_cast<int>(inputs.size()), {}});
  inputs.push_back(tensor);
  maps.push_back(map);
  return entries.size() - 1;
}

unsigned ElementwiseBuilder::addBroadcastInput(Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d) {
    if (type.getDimSize(d) == 1 && resultType.getDimSize(d) != 1)
      exprs.push_back(builder.getAffineConstantExpr(0));
    else
      exprs.push_back(builder.getAffineDimExpr(d));
  }
  return addInput(tensor, AffineMap::get(resultType.getRank(), 0, exprs,
                                         builder.getContext()));
}

unsigned ElementwiseBuilder::addChannelConstants(ArrayRef<Attribute> values,
                                                 Type elementType,
                                                 std::optional<int64_t> axis) {
  bool uniform = llvm::all_equal(values);
  if (!axis || uniform || values.size() == 1) {
    entries.push_back({-1, cast<TypedAttr>(values.front())});
    return entries.size() - 1;
  }
  auto tensorType =
      RankedTensorType::get({static_cast<int64_t>(values.size())}, elementType);
  Value constant = arith::ConstantOp::create(
      builder, loc, DenseElementsAttr::get(tensorType, values));
  AffineMap map =
      AffineMap::get(resultType.getRank(), 0, builder.getAffineDimExpr(*axis),
                     builder.getContext());
  return addInput(constant, map);
}

unsigned ElementwiseBuilder::addChannelInts(ArrayRef<int64_t> values,
                                            IntegerType type,
                                            std::optional<int64_t> axis) {
  SmallVector<Attribute> attrs;
  for (int64_t v : values)
    attrs.push_back(builder.getIntegerAttr(
        type, APInt(type.getWidth(), static_cast<uint64_t>(v), v < 0,
                    /*implicitTrunc=*/true)));
  return addChannelConstants(attrs, type, axis);
}

unsigned ElementwiseBuilder::addChannelF64(ArrayRef<double> values,
                                           std::optional<int64_t> axis) {
  SmallVector<Attribute> attrs;
  for (double v : values)
    attrs.push_back(builder.getF64FloatAttr(v));
  return addChannelConstants(attrs, builder.getF64Type(), axis);
}

Value ElementwiseBuilder::build(
    function_ref<Value(OpBuilder &, Location, ArrayRef<Value>)> body) {
  Value init = tensor::EmptyOp::create(builder, loc, resultType.getShape(),
                                       resultType.getElementType());
  SmallVector<AffineMap> allMaps = maps;
  allMaps.push_back(builder.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, TypeRange{resultType}, inputs, ValueRange{init}, allMaps,
      iterators, [&](OpBuilder &b, Location l, ValueRange args) {
        SmallVector<Value> values;
        for (const Entry &entry : entries) {
          if (entry.inputIndex >= 0)
            values.push_back(args[entry.inputIndex]);
          else
            values.push_back(arith::ConstantOp::create(b, l, entry.constant));
        }
        Value result = body(b, l, values);
        linalg::YieldOp::create(b, l, result);
      });
  return generic.getResult(0);
}

//===----------------------------------------------------------------------===//
// Stored integers
//===----------------------------------------------------------------------===//

bool conversion::isSignedInContainer(const QuantParams &params,
                                     Type containerType) {
  return params.isSigned ||
         containerType.getIntOrFloatBitWidth() > params.storageWidth;
}

Value conversion::extendStored(OpBuilder &b, Location loc, Value stored,
                               const QuantParams &params, Type type) {
  return castInteger(b, loc, stored, type,
                     isSignedInContainer(params, stored.getType()));
}

Value conversion::createCenteredTensor(OpBuilder &b, Location loc, Value tensor,
                                       const QuantParams &params,
                                       std::optional<int64_t> axis,
                                       IntegerType type) {
  auto inType = cast<RankedTensorType>(tensor.getType());
  auto outType = RankedTensorType::get(inType.getShape(), type);
  ElementwiseBuilder g(b, loc, outType);
  unsigned x = g.addInput(tensor, b.getMultiDimIdentityMap(inType.getRank()));
  unsigned z = g.addChannelInts(params.zeroPoints, type,
                                params.isPerAxis() ? axis : std::nullopt);
  return g.build([&](OpBuilder &nb, Location l, ArrayRef<Value> args) {
    Value wide = extendStored(nb, l, args[x], params, type);
    return arith::SubIOp::create(nb, l, wide, args[z]).getResult();
  });
}

Value conversion::createExtendedTensor(OpBuilder &b, Location loc, Value tensor,
                                       const QuantParams &params,
                                       IntegerType type) {
  auto inType = cast<RankedTensorType>(tensor.getType());
  auto outType = RankedTensorType::get(inType.getShape(), type);
  ElementwiseBuilder g(b, loc, outType);
  unsigned x = g.addInput(tensor, b.getMultiDimIdentityMap(inType.getRank()));
  return g.build([&](OpBuilder &nb, Location l, ArrayRef<Value> args) {
    return extendStored(nb, l, args[x], params, type);
  });
}

Value conversion::createFilledTensor(OpBuilder &b, Location loc,
                                     RankedTensorType type, int64_t value) {
  Value empty =
      tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  Value scalar = createIntConstant(b, loc, type.getElementType(), value);
  return linalg::FillOp::create(b, loc, ValueRange{scalar}, ValueRange{empty})
      .getResult(0);
}

Value conversion::createPaddedNHWC(OpBuilder &b, Location loc, Value tensor,
                                   ArrayRef<int64_t> pad, int64_t value) {
  if (llvm::all_of(pad, [](int64_t p) { return p == 0; }))
    return tensor;
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[1] += pad[0] + pad[1];
  shape[2] += pad[2] + pad[3];
  auto paddedType = RankedTensorType::get(shape, type.getElementType());
  SmallVector<OpFoldResult> low = {b.getIndexAttr(0), b.getIndexAttr(pad[0]),
                                   b.getIndexAttr(pad[2]), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(pad[1]),
                                    b.getIndexAttr(pad[3]), b.getIndexAttr(0)};
  Value padValue = createIntConstant(b, loc, type.getElementType(), value);
  return tensor::PadOp::create(b, loc, paddedType, tensor, low, high, padValue);
}

Value conversion::createBiasInit(OpBuilder &b, Location loc,
                                 RankedTensorType type, Value bias,
                                 int64_t axis) {
  if (!bias)
    return createFilledTensor(b, loc, type, 0);
  ElementwiseBuilder g(b, loc, type);
  unsigned index = g.addInput(bias, AffineMap::get(type.getRank(), 0,
                                                   b.getAffineDimExpr(axis),
                                                   b.getContext()));
  return g.build(
      [&](OpBuilder &, Location, ArrayRef<Value> args) { return args[index]; });
}

Value conversion::narrowAccumulator(OpBuilder &b, Location loc, Value acc,
                                    RankedTensorType type) {
  if (acc.getType() == type)
    return acc;
  ElementwiseBuilder g(b, loc, type);
  unsigned index = g.addInput(acc, b.getMultiDimIdentityMap(type.getRank()));
  return g.build([&](OpBuilder &nb, Location l, ArrayRef<Value> args) {
    return castInteger(nb, l, args[index], type.getElementType(),
                       /*isSigned=*/true);
  });
}

FailureOr<QuantParams> conversion::getParamsOrFail(Operation *op, Type type,
                                                   PatternRewriter &rewriter) {
  FailureOr<QuantParams> params = getQuantParams(type);
  if (failed(params))
    return rewriter.notifyMatchFailure(
        op, "expects a per-tensor or per-axis !quant.uniform tensor");
  return params;
}

RankedTensorType conversion::convertTensorType(const TypeConverter *converter,
                                               Type type) {
  return dyn_cast_or_null<RankedTensorType>(converter->convertType(type));
}
