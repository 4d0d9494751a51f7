//===- RealizeDataMovement.cpp - ops that move integers ---------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// max_pool2d and concat become hwq.max_pool2d / hwq.concat; reshape,
// transpose and pad stay TOSA ops on quantized tensors (TOSA accepts
// !quant.uniform element types), with the pad constant quantized to the
// edge's grid. None of them changes the grid.
//
//===----------------------------------------------------------------------===//

#include "Realize.h"

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include <cmath>

using namespace mlir;
using namespace hwq;

/// The realized per-tensor input of a data-movement op and the tensor type
/// of its result (same element type, the op's result shape).
static FailureOr<std::pair<Value, RankedTensorType>>
getMovedInput(Realizer &realizer, Operation *op) {
  FailureOr<Value> input = realizer.getQuantizedOperand(op, 0);
  if (failed(input))
    return failure();
  if (failed(realizer.getParams(op, *input, /*perTensor=*/true)))
    return failure();
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  Type element = cast<RankedTensorType>(input->getType()).getElementType();
  return std::make_pair(*input,
                        RankedTensorType::get(resultType.getShape(), element));
}

LogicalResult hwq::realizeMaxPool(Realizer &realizer, tosa::MaxPool2dOp op) {
  auto moved = getMovedInput(realizer, op);
  if (failed(moved))
    return failure();
  Value result = MaxPool2DOp::create(
      realizer.getBuilder(), op.getLoc(), moved->second, moved->first,
      op.getKernel(), op.getStride(), op.getPad());
  realizer.map(op.getResult(), result);
  realizer.markReplaced(op);
  return success();
}

LogicalResult hwq::realizeReshape(Realizer &realizer, tosa::ReshapeOp op) {
  auto moved = getMovedInput(realizer, op);
  if (failed(moved))
    return failure();
  Value result =
      tosa::ReshapeOp::create(realizer.getBuilder(), op.getLoc(), moved->second,
                              moved->first, op.getShape());
  realizer.map(op.getResult(), result);
  realizer.markReplaced(op);
  return success();
}

LogicalResult hwq::realizeTranspose(Realizer &realizer, tosa::TransposeOp op) {
  auto moved = getMovedInput(realizer, op);
  if (failed(moved))
    return failure();
  Value result =
      tosa::TransposeOp::create(realizer.getBuilder(), op.getLoc(),
                                moved->second, moved->first, op.getPerms());
  realizer.map(op.getResult(), result);
  realizer.markReplaced(op);
  return success();
}

LogicalResult hwq::realizePad(Realizer &realizer, tosa::PadOp op) {
  auto moved = getMovedInput(realizer, op);
  if (failed(moved))
    return failure();
  QuantParams grid = *getQuantParams(moved->first.getType());
  std::optional<SmallVector<double>> padValue =
      getConstantFloats(op.getPadConst());
  if (!padValue || padValue->size() != 1)
    return op.emitOpError("pad_const must be a float constant");
  double c = padValue->front();

  // Off-grid pad values need the snap hwq-exact-sim inserts after the pad.
  Value result = op.getResult();
  auto snap = result.hasOneUse()
                  ? dyn_cast<SimQuantizeOp>(*result.getUsers().begin())
                  : SimQuantizeOp();
  RoundingMode rounding = RoundingMode::HalfToEven;
  if (snap && isSnapOnto(snap, grid)) {
    rounding = snap.getRounding();
  } else {
    snap = {};
    double steps = c / grid.getScale();
    if (!std::isfinite(steps) || steps != std::nearbyint(steps) ||
        steps + grid.getZeroPoint() < grid.storageMin ||
        steps + grid.getZeroPoint() > grid.storageMax)
      return op.emitOpError("pad value ")
             << formatReal(c) << " is not a grid point of scale "
             << formatReal(grid.getScale())
             << " and no snapping sim_quantize follows (run hwq-exact-sim)";
  }
  int64_t q = quantizeReal(c, grid.getScale(), grid.getZeroPoint(),
                           grid.storageMin, grid.storageMax, rounding);
  OpBuilder &builder = realizer.getBuilder();
  auto element =
      cast<RankedTensorType>(moved->first.getType()).getElementType();
  auto constType = RankedTensorType::get({1}, element);
  auto storageType =
      RankedTensorType::get({1}, getConstantStorageType(
                                     builder, grid.storageWidth, grid.isSigned));
  Value padConst = tosa::ConstOp::create(
      builder, op.getLoc(), constType,
      DenseElementsAttr::get(storageType,
                             APInt(grid.storageWidth, static_cast<uint64_t>(q),
                                   grid.isSigned,
                                   /*implicitTrunc=*/true)));
  Value padded = tosa::PadOp::create(builder, op.getLoc(), moved->second,
                                     moved->first, op.getPadding(), padConst);
  realizer.map(snap ? snap.getOutput() : result, padded);
  realizer.markReplaced(op);
  if (snap)
    realizer.markReplaced(snap);
  return success();
}

LogicalResult hwq::realizeConcat(Realizer &realizer, tosa::ConcatOp op) {
  SmallVector<Value> inputs;
  for (unsigned i = 0, e = op->getNumOperands(); i < e; ++i) {
    FailureOr<Value> input = realizer.getQuantizedOperand(op, i);
    if (failed(input) || failed(realizer.getParams(op, *input, true)))
      return failure();
    Type element = cast<RankedTensorType>(input->getType()).getElementType();
    if (!inputs.empty() &&
        element !=
            cast<RankedTensorType>(inputs.front().getType()).getElementType())
      return op.emitOpError("inputs lie on different grids (")
             << inputs.front().getType() << " vs " << input->getType()
             << "); requantize them onto one grid first (run hwq-exact-sim)";
    inputs.push_back(*input);
  }
  auto resultType = RankedTensorType::get(
      cast<RankedTensorType>(op.getType()).getShape(),
      cast<RankedTensorType>(inputs.front().getType()).getElementType());
  OpBuilder &builder = realizer.getBuilder();
  Value result = ConcatOp::create(builder, op.getLoc(), resultType, inputs,
                                  builder.getI64IntegerAttr(op.getAxis()));
  realizer.map(op.getResult(), result);
  realizer.markReplaced(op);
  return success();
}
