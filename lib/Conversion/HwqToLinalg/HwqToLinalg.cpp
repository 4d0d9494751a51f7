//===- HwqToLinalg.cpp - realized hwq ops to linalg -----------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The type converter (!quant.uniform -> storage container integers), the
// pattern registration and the hwq-convert-realized-to-linalg pass. The
// patterns live in one file per op family: Quantize.cpp, Contractions.cpp,
// Elementwise.cpp, Pooling.cpp.
//
//===----------------------------------------------------------------------===//

#include "hwq/Conversion/HwqToLinalg/HwqToLinalg.h"
#include "hwq/Conversion/Passes.h"

#include "LoweringUtils.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

namespace hwq {
#define GEN_PASS_DEF_HWQCONVERTREALIZEDTOLINALGPASS
#include "hwq/Conversion/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

IntegerType hwq::getStorageContainerType(quant::QuantizedType type) {
  unsigned bits = type.getStorageTypeIntegralWidth();
  bool isSigned = type.isSigned();
  unsigned width;
  if (bits <= 8)
    width = 8;
  else if (bits <= 16)
    width = isSigned ? 16 : 32;
  else if (bits <= 32)
    width = isSigned ? 32 : 64;
  else
    width = 64;
  return IntegerType::get(type.getContext(), width);
}

QuantStorageTypeConverter::QuantStorageTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](quant::QuantizedType type) -> Type {
    if (!isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
            type))
      return nullptr;
    return getStorageContainerType(type);
  });
  addConversion([this](RankedTensorType type) -> Type {
    Type element = convertType(type.getElementType());
    if (!element)
      return nullptr;
    return type.clone(element);
  });
  // Values crossing unconverted ops keep their types through casts; the
  // conversion fails if any remain.
  auto materialize = [](OpBuilder &builder, Type type, ValueRange inputs,
                        Location loc) -> Value {
    return UnrealizedConversionCastOp::create(builder, loc, type, inputs)
        .getResult(0);
  };
  addSourceMaterialization(materialize);
  addTargetMaterialization(materialize);
}

namespace {
/// Data movement on quantized tensors (reshape, transpose, slice, concat,
/// ...; TOSA or tensor dialect) moves stored integers: the same op on the
/// converted types.
struct DataMovementLowering : ConversionPattern {
  DataMovementLowering(const TypeConverter &converter, MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1,
                          context) {}
  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isa<tosa::ReshapeOp, tosa::TransposeOp, tosa::SliceOp, tosa::ConcatOp,
             tosa::IdentityOp, tosa::TileOp, tosa::ReverseOp,
             tensor::ExpandShapeOp, tensor::CollapseShapeOp,
             tensor::ExtractSliceOp, tensor::InsertSliceOp, tensor::ConcatOp,
             tensor::EmptyOp, tensor::CastOp>(op) ||
        op->getNumRegions() != 0)
      return failure();
    SmallVector<Type> resultTypes;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                resultTypes)))
      return failure();
    OperationState state(op->getLoc(), op->getName());
    state.addOperands(operands);
    state.addTypes(resultTypes);
    state.addAttributes(op->getAttrs());
    Operation *newOp = rewriter.create(state);
    rewriter.replaceOp(op, newOp->getResults());
    return success();
  }
};
/// A constant of quantized type (`tosa.const` whose dense integer value holds
/// the stored integers, as hwq-realize writes weights) becomes an
/// arith.constant of the storage container.
struct QuantConstantLowering : OpConversionPattern<tosa::ConstOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(tosa::ConstOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = dyn_cast_or_null<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    auto values = dyn_cast<DenseIntElementsAttr>(op.getValues());
    if (!type || !values || type == op.getType() ||
        !isa<IntegerType>(type.getElementType()))
      return failure();
    auto container = cast<IntegerType>(type.getElementType());
    bool isUnsigned = values.getElementType().isUnsignedInteger();
    DenseElementsAttr converted =
        values.mapValues(container, [&](const APInt &value) {
          return isUnsigned ? value.zextOrTrunc(container.getWidth())
                            : value.sextOrTrunc(container.getWidth());
        });
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, type, cast<TypedAttr>(converted.reshape(type)));
    return success();
  }
};
} // namespace

void hwq::populateHwqToLinalgConversionPatterns(
    const TypeConverter &typeConverter, RewritePatternSet &patterns) {
  patterns.add<DataMovementLowering, QuantConstantLowering>(
      typeConverter, patterns.getContext());
  conversion::populateQuantizePatterns(typeConverter, patterns);
  conversion::populateContractionPatterns(typeConverter, patterns);
  conversion::populateElementwisePatterns(typeConverter, patterns);
  conversion::populatePoolingPatterns(typeConverter, patterns);
}

namespace {
struct HwqConvertRealizedToLinalgPass
    : hwq::impl::HwqConvertRealizedToLinalgPassBase<
          HwqConvertRealizedToLinalgPass> {
  void runOnOperation() override {
    // The lowerings allocate their results with static shapes.
    WalkResult dynamic = getOperation().walk([](Operation *op) {
      if (!isa_and_nonnull<HwqDialect>(op->getDialect()) ||
          isa<SimQuantizeOp>(op))
        return WalkResult::advance();
      SmallVector<Type> types(op->getOperandTypes());
      llvm::append_range(types, op->getResultTypes());
      for (Type type : types)
        if (auto shaped = dyn_cast<ShapedType>(type);
            shaped && !shaped.hasStaticShape()) {
          op->emitOpError("has the dynamically shaped type ")
              << type << "; hwq-convert-realized-to-linalg needs static shapes";
          return WalkResult::interrupt();
        }
      return WalkResult::advance();
    });
    if (dynamic.wasInterrupted())
      return signalPassFailure();
    MLIRContext *context = &getContext();
    QuantStorageTypeConverter converter;
    ConversionTarget target(*context);
    target.addIllegalOp<QuantizeOp, DequantizeOp, Conv2DOp, DepthwiseConv2DOp,
                        FullyConnectedOp, MatMulOp, RequantizeOp, AddOp, MulOp,
                        AvgPool2DOp, MaxPool2DOp, ConcatOp,
                        quant::StorageCastOp>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType()) &&
             converter.isLegal(&op.getBody());
    });
    // Every other op (func.return, func.call, linalg, tensor, TOSA on
    // quantized types, ...) is legal once its types are.
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return converter.isLegal(op); });

    RewritePatternSet patterns(context);
    populateHwqToLinalgConversionPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
