//===- WidenFloat.cpp - compute float values in f64 -----------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-widen-float: every float value narrower than f64 inside a function
// body becomes f64. A generic pattern rebuilds any op on converted types
// (its regions' block arguments converted too); special patterns convert
// float constants, drop `extf` that became the identity, keep explicit
// roundings (`truncf` to a narrower type becomes truncf + extf, tagged so
// that they stay), and keep the f32 parameters of hwq.sim_quantize.
//
//===----------------------------------------------------------------------===//

#include "hwq/Conversion/WidenFloat/WidenFloat.h"
#include "hwq/Conversion/Passes.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace hwq {
#define GEN_PASS_DEF_HWQWIDENFLOATPASS
#include "hwq/Conversion/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

/// Discardable unit attribute on the truncf/extf pairs that keep an explicit
/// rounding inside a widened body; removed at the end of the pass.
static constexpr llvm::StringLiteral kKeepRoundingAttr = "hwq.keep_rounding";

WidenFloatTypeConverter::WidenFloatTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](FloatType type) -> Type {
    if (type.getWidth() < 64)
      return Float64Type::get(type.getContext());
    return type;
  });
  addConversion([this](RankedTensorType type) -> Type {
    Type element = convertType(type.getElementType());
    return element ? type.clone(element) : nullptr;
  });
  addConversion([this](VectorType type) -> Type {
    Type element = convertType(type.getElementType());
    return element ? type.clone(element) : nullptr;
  });
  addTargetMaterialization(
      [](OpBuilder &b, Type type, ValueRange inputs, Location loc) -> Value {
        if (inputs.size() != 1)
          return nullptr;
        return arith::ExtFOp::create(b, loc, type, inputs.front());
      });
  addSourceMaterialization(
      [](OpBuilder &b, Type type, ValueRange inputs, Location loc) -> Value {
        if (inputs.size() != 1)
          return nullptr;
        return arith::TruncFOp::create(b, loc, type, inputs.front());
      });
}

namespace {

/// Rebuilds any op with converted operand, result and block argument types.
struct WidenAnyOp : ConversionPattern {
  WidenAnyOp(const TypeConverter &converter, MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1,
                          context) {}
  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                resultTypes)))
      return failure();
    OperationState state(op->getLoc(), op->getName());
    state.addOperands(operands);
    state.addTypes(resultTypes);
    state.addAttributes(op->getAttrs());
    state.addSuccessors(op->getSuccessors());
    for (Region &region : op->getRegions()) {
      Region *newRegion = state.addRegion();
      rewriter.inlineRegionBefore(region, *newRegion, newRegion->end());
      if (failed(rewriter.convertRegionTypes(newRegion, *getTypeConverter())))
        return failure();
    }
    Operation *newOp = rewriter.create(state);
    rewriter.replaceOp(op, newOp->getResults());
    return success();
  }
};

/// The f64 value of a float attribute element.
APFloat toDouble(APFloat value) {
  bool losesInfo = false;
  value.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                &losesInfo);
  return value;
}

/// Float constants with a FloatAttr or dense value become f64 constants
/// (exact: every narrower float widens exactly).
struct WidenConstant : OpConversionPattern<arith::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(arith::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type)
      return failure();
    TypedAttr value;
    if (auto floatAttr = dyn_cast<FloatAttr>(op.getValue())) {
      value = FloatAttr::get(type, toDouble(floatAttr.getValue()));
    } else if (auto dense = dyn_cast<DenseFPElementsAttr>(op.getValue())) {
      auto shaped = cast<ShapedType>(type);
      value = dense.mapValues(shaped.getElementType(), [](const APFloat &v) {
        return toDouble(v).bitcastToAPInt();
      });
    } else {
      return failure();
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type, value);
    return success();
  }
};

/// An extf whose operand already has the widened type is the identity.
struct WidenExtF : OpConversionPattern<arith::ExtFOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(arith::ExtFOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type || adaptor.getIn().getType() != type)
      return failure();
    rewriter.replaceOp(op, adaptor.getIn());
    return success();
  }
};

/// truncf to a narrower type `T` keeps its rounding: truncf to T, then extf
/// back, both tagged as legal.
struct WidenTruncF : OpConversionPattern<arith::TruncFOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(arith::TruncFOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type)
      return failure();
    Location loc = op.getLoc();
    Value input = adaptor.getIn();
    if (input.getType() == op.getType()) {
      rewriter.replaceOp(op, input);
      return success();
    }
    auto round = arith::TruncFOp::create(rewriter, loc, op.getType(), input);
    round->setAttr(kKeepRoundingAttr, rewriter.getUnitAttr());
    if (type == op.getType()) {
      rewriter.replaceOp(op, round);
      return success();
    }
    auto widen = arith::ExtFOp::create(rewriter, loc, type, round.getResult());
    widen->setAttr(kKeepRoundingAttr, rewriter.getUnitAttr());
    rewriter.replaceOp(op, widen);
    return success();
  }
};

/// hwq.sim_quantize computes on the widened input; its f32 parameters are
/// rounded back to f32, which is how the reference evaluator reads them.
struct WidenSimQuantize : OpConversionPattern<SimQuantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SimQuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    if (!type)
      return failure();
    auto keepF32 = [&](Value widened, Value original) -> Value {
      if (!widened || widened.getType() == original.getType())
        return widened;
      auto round = arith::TruncFOp::create(rewriter, op.getLoc(),
                                           original.getType(), widened);
      round->setAttr(kKeepRoundingAttr, rewriter.getUnitAttr());
      return round;
    };
    auto newOp = SimQuantizeOp::create(
        rewriter, op.getLoc(), type, adaptor.getInput(),
        keepF32(adaptor.getScale(), op.getScale()), adaptor.getZeroPoint(),
        keepF32(adaptor.getAccScale(), op.getAccScale()), op.getBitsAttr(),
        op.getIsSignedAttr(), op.getNarrowRangeAttr(), op.getAxisAttr(),
        op.getRoundingAttr());
    rewriter.replaceOp(op, newOp.getResult());
    return success();
  }
};

struct HwqWidenFloatPass : hwq::impl::HwqWidenFloatPassBase<HwqWidenFloatPass> {
  using Base::Base;
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (onlySimulated &&
        !func.walk([](SimQuantizeOp) { return WalkResult::interrupt(); })
             .wasInterrupted())
      return;
    WidenFloatTypeConverter converter;
    // TOSA and realized hwq ops constrain their float types; widening them
    // would leave invalid IR. They must be lowered first (as
    // hwq-host-lowering does).
    WalkResult unlowered = func.walk([&converter](Operation *op) {
      StringRef dialect = op->getName().getDialectNamespace();
      if ((dialect == "tosa" || dialect == "hwq") && !isa<SimQuantizeOp>(op) &&
          !converter.isLegal(op)) {
        op->emitOpError("cannot be widened to f64 by hwq-widen-float; lower "
                        "TOSA and realized hwq ops to linalg first");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (unlowered.wasInterrupted())
      return signalPassFailure();
    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    configureWidenFloatTarget(target, converter);
    RewritePatternSet patterns(context);
    populateWidenFloatPatterns(converter, patterns);
    if (failed(applyPartialConversion(func, target, std::move(patterns))))
      return signalPassFailure();
    func.walk([](Operation *op) { op->removeAttr(kKeepRoundingAttr); });
  }
};

} // namespace

void hwq::configureWidenFloatTarget(ConversionTarget &target,
                                    const TypeConverter &converter) {
  auto isLegal = [&converter](Operation *op) {
    if (op->hasAttr(kKeepRoundingAttr))
      return true;
    if (auto sim = dyn_cast<SimQuantizeOp>(op))
      return converter.isLegal(sim.getInput().getType());
    if (auto constant = dyn_cast<arith::ConstantOp>(op))
      if (!isa<FloatAttr, DenseFPElementsAttr>(constant.getValue()))
        return true;
    if (!converter.isLegal(op))
      return false;
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (!converter.isLegal(block.getArgumentTypes()))
          return false;
    return true;
  };
  target.addLegalOp<func::FuncOp, func::ReturnOp>();
  target.markUnknownOpDynamicallyLegal(isLegal);
}

void hwq::populateWidenFloatPatterns(const TypeConverter &converter,
                                     RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<WidenAnyOp>(converter, context);
  patterns.add<WidenConstant, WidenExtF, WidenTruncF, WidenSimQuantize>(
      converter, context, /*benefit=*/2);
}
