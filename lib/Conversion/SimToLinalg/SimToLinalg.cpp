//===- SimToLinalg.cpp - hwq.sim_quantize to linalg.generic ---------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// One elementwise linalg.generic per hwq.sim_quantize. Per element `x` with
// the parameters `s`, `z` (and `a` = acc_scale) of its channel:
//
//   valid = s and a are positive and finite (f32 values widened to f64)
//   plain:  q = clamp(round(x / s) + z, qmin, qmax)             // f64 math
//   acc:    (m, n, ok) = computeMultiplierAndShift(a / s)       // from bits
//           acc = saturate_i64(round_half_to_even(x / a))
//           q = clamp(roundingMultiplyByQ31(acc, m, n) + z, qmin, qmax)
//           // in i128: |acc * m| < 2^94
//   y = valid ? (q - z) * s : NaN                               // f64
//
// then y is rounded once to the element type of the tensor. This is the
// reference evaluator's evaluation (lib/Reference/Sim.cpp) step for step;
// its saturations only act outside [qmin, qmax] and so cannot change q.
//
//===----------------------------------------------------------------------===//

#include "hwq/Conversion/SimToLinalg/SimToLinalg.h"
#include "hwq/Conversion/Passes.h"

#include "../Common/FixedPointArith.h"

#include "hwq/Dialect/Hwq/IR/HwqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <limits>

namespace hwq {
#define GEN_PASS_DEF_HWQCONVERTSIMTOLINALGPASS
#include "hwq/Conversion/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;
using namespace hwq::conversion;

namespace {

/// The indexing map that reads a parameter tensor (rank 0, one element, or
/// one per channel of `axis`) from an iteration over `rank` dimensions.
FailureOr<AffineMap> getParamMap(SimQuantizeOp op, Value param, int64_t rank,
                                 int64_t channels) {
  auto type = cast<RankedTensorType>(param.getType());
  MLIRContext *context = op.getContext();
  if (!type.hasStaticShape())
    return failure();
  int64_t count = type.getNumElements();
  if (count == 1) {
    SmallVector<AffineExpr> zeros(type.getRank(),
                                  getAffineConstantExpr(0, context));
    return AffineMap::get(rank, 0, zeros, context);
  }
  std::optional<uint64_t> axis = op.getAxis();
  if (!axis || type.getRank() != 1 || count != channels)
    return failure();
  return AffineMap::get(rank, 0,
                        getAffineDimExpr(static_cast<unsigned>(*axis), context),
                        context);
}

struct SimQuantizeLowering : OpRewritePattern<SimQuantizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SimQuantizeOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.isCalibrated()) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    if (!type || !type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "expects a static shape");
    int64_t rank = type.getRank();
    std::optional<uint64_t> axis = op.getAxis();
    if (axis && static_cast<int64_t>(*axis) >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t channels = axis ? type.getDimSize(*axis) : 1;

    SmallVector<Value> inputs = {op.getInput()};
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<Value> params = {op.getScale(), op.getZeroPoint()};
    if (op.getAccScale())
      params.push_back(op.getAccScale());
    for (Value param : params) {
      FailureOr<AffineMap> map = getParamMap(op, param, rank, channels);
      if (failed(map))
        return rewriter.notifyMatchFailure(op, "malformed parameter shape");
      inputs.push_back(param);
      maps.push_back(*map);
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));

    Location loc = op.getLoc();
    Value init = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                         type.getElementType());
    int64_t qmin = op.getQMin(), qmax = op.getQMax();
    RoundingMode rounding = op.getRounding();
    bool hasAccScale = op.getAccScale() != nullptr;
    Type element = type.getElementType();
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, inputs, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = extendToF64(b, l, args[0]);
          Value s = extendToF64(b, l, args[1]);
          Value z = args[2];
          Value zf = arith::SIToFPOp::create(b, l, b.getF64Type(), z);
          auto isPositiveFinite = [&](Value v) {
            Value positive = arith::CmpFOp::create(
                b, l, arith::CmpFPredicate::OGT, v, createF64Constant(b, l, 0));
            Value finite = arith::CmpFOp::create(
                b, l, arith::CmpFPredicate::OLT, v,
                createF64Constant(b, l,
                                  std::numeric_limits<double>::infinity()));
            return arith::AndIOp::create(b, l, positive, finite).getResult();
          };
          Value valid = isPositiveFinite(s);
          Value centered; // q - z as f64
          if (!hasAccScale) {
            Value q = emitQuantizeReal(b, l, x, s, zf, qmin, qmax, rounding);
            centered = arith::SubFOp::create(b, l, q, zf);
          } else {
            Value a = extendToF64(b, l, args[3]);
            valid = arith::AndIOp::create(b, l, valid, isPositiveFinite(a));
            RuntimeMultiplier fixed = emitComputeMultiplierAndShift(
                b, l, arith::DivFOp::create(b, l, a, s));
            valid = arith::AndIOp::create(b, l, valid, fixed.valid);
            Value acc = emitRoundToI64(b, l, arith::DivFOp::create(b, l, x, a),
                                       RoundingMode::HalfToEven);
            Type i128 = b.getIntegerType(128);
            auto wide = [&](Value v) {
              return castInteger(b, l, v, i128, /*isSigned=*/true);
            };
            Value wideAcc = wide(acc);
            Value wideMultiplier = wide(fixed.multiplier);
            Value wideShift = wide(fixed.shift);
            Value scaled = emitRoundingMultiplyByQ31(b, l, wideAcc,
                                                     wideMultiplier, wideShift);
            Value zi = castInteger(b, l, z, i128, /*isSigned=*/true);
            Value q = emitClamp(b, l, arith::AddIOp::create(b, l, scaled, zi),
                                qmin, qmax);
            Value c = arith::SubIOp::create(b, l, q, zi);
            centered = arith::SIToFPOp::create(
                b, l, b.getF64Type(),
                castInteger(b, l, c, b.getI64Type(), /*isSigned=*/true));
          }
          Value y = arith::MulFOp::create(b, l, centered, s);
          Value nan =
              createF64Constant(b, l, std::numeric_limits<double>::quiet_NaN());
          y = arith::SelectOp::create(b, l, valid, y, nan);
          linalg::YieldOp::create(b, l, roundFromF64(b, l, y, element));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct HwqConvertSimToLinalgPass
    : hwq::impl::HwqConvertSimToLinalgPassBase<HwqConvertSimToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateSimToLinalgPatterns(patterns);
    // One application per op, no folding of the rest of the IR.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
    bool remaining = false;
    getOperation()->walk([&](SimQuantizeOp op) {
      op.emitOpError() << "could not be lowered to linalg (static shapes and "
                          "well-formed parameters are required)";
      remaining = true;
    });
    if (remaining)
      signalPassFailure();
  }
};

} // namespace

void hwq::populateSimToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<SimQuantizeLowering>(patterns.getContext());
}
