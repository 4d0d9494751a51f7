//===- Realize.cpp - simulated graph to integer hwq ops ---------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-realize: the driver. It visits the ops of each function in program
// order, realizes each `hwq.sim_quantize` (quantize, compile-time quantized
// constant, requantize) and dispatches each quantized TOSA op to its family
// (RealizeContractions.cpp, RealizeElementwise.cpp,
// RealizeDataMovement.cpp). The realized type of a value depends on the
// calibrated constants of the sim_quantize that defines its grid, not on its
// type, which is why this is a walk with a value map rather than a dialect
// conversion with a TypeConverter (docs/Realize.md).
//
//===----------------------------------------------------------------------===//

#include "Realize.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

namespace hwq {
#define GEN_PASS_DEF_HWQREALIZEPASS
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

bool hwq::isSnapOnto(SimQuantizeOp sim, const QuantParams &params) {
  if (!sim || sim.getAccScale() || !sim.isCalibrated())
    return false;
  FailureOr<QuantParams> snap = getSimQuantizeParams(sim);
  return succeeded(snap) && snap->scales == params.scales &&
         snap->zeroPoints == params.zeroPoints && !snap->axis &&
         snap->storageMin == params.storageMin &&
         snap->storageMax == params.storageMax;
}

FailureOr<Value> Realizer::getQuantizedOperand(Operation *op, unsigned index) {
  Value value = lookup(op->getOperand(index));
  if (!value)
    return op->emitOpError("operand #")
           << index << " is not on an integer grid (no calibrated "
           << "hwq.sim_quantize defines it); cannot realize the op in integer";
  return value;
}

FailureOr<QuantParams> Realizer::getParams(Operation *op, Value realizedValue,
                                           bool perTensor) {
  FailureOr<QuantParams> params = getQuantParams(realizedValue.getType());
  if (failed(params))
    return op->emitOpError("expected a quantized operand, got ")
           << realizedValue.getType();
  if (perTensor && params->isPerAxis())
    return op->emitOpError("needs per-tensor quantized operands, got ")
           << realizedValue.getType();
  return params;
}

FailureOr<SimQuantizeOp> Realizer::getOutputSim(Operation *op) {
  Value result = op->getResult(0);
  auto sim = result.hasOneUse()
                 ? dyn_cast<SimQuantizeOp>(*result.getUsers().begin())
                 : SimQuantizeOp();
  if (!sim || sim.getInput() != result)
    return op->emitOpError("result must feed exactly one hwq.sim_quantize "
                           "(its output edge) to be realized");
  if (failed(getSimQuantizeParams(sim)))
    return failure();
  return sim;
}

FailureOr<RankedTensorType> Realizer::getEdgeType(SimQuantizeOp sim,
                                                  ArrayRef<int64_t> shape) {
  FailureOr<QuantParams> params = getSimQuantizeParams(sim);
  if (failed(params))
    return failure();
  quant::QuantizedType element = getQuantizedType(*params, sim.getLoc());
  if (!element)
    return failure();
  return RankedTensorType::get(shape, element);
}

void Realizer::map(Value simulated, Value value) {
  if (realized.try_emplace(simulated, value).second) {
    realizedOrder.push_back(simulated);
  } else {
    --mappedCount[realized[simulated]];
    realized[simulated] = value;
  }
  ++mappedCount[value];
}

/// True when every user of `value` is a quantized tosa.add (the rescale onto
/// the add's intermediate grid belongs to the hwq.add).
static bool onlyFeedsIntegerAdds(Value value) {
  return !value.use_empty() && llvm::all_of(value.getUsers(), [](Operation *u) {
    return isa<tosa::AddOp>(u) && isQuantizedOp(u);
  });
}

LogicalResult Realizer::realizeSimQuantize(SimQuantizeOp op) {
  FailureOr<QuantParams> params = getSimQuantizeParams(op);
  if (failed(params))
    return failure();
  if (onlyFeedsIntegerAdds(op.getOutput()))
    return success(); // Part of hwq.add; realizeAdd reads through it.
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  FailureOr<RankedTensorType> type = getEdgeType(op, inputType.getShape());
  if (failed(type))
    return failure();
  std::optional<SmallVector<double>> accScales = getAccScales(op);
  if (op.getAccScale() && !accScales)
    return op.emitOpError("acc_scale must be a constant");

  // A quantized value: an integer requantize.
  if (Value input = lookup(op.getInput())) {
    FailureOr<QuantParams> in = getParams(op, input, /*perTensor=*/true);
    if (failed(in))
      return failure();
    if (accScales) {
      if (accScales->size() != 1 || accScales->front() != in->getScale())
        return op.emitOpError("acc_scale does not equal the scale ")
               << formatReal(in->getScale())
               << " of the integer grid its input lies on; the simulation "
               << "would not recover the input's integers (run hwq-exact-sim)";
    } else if (in->scales != params->scales ||
               in->zeroPoints != params->zeroPoints) {
      return op.emitOpError("rounds a quantized value onto another grid "
                            "without acc_scale: the float rounding differs "
                            "from the realized fixed-point rescale (run "
                            "hwq-exact-sim)");
    }
    if (input.getType() == *type) {
      map(op.getOutput(), input);
    } else {
      if (failed(computeRequantizeMultipliers(*in, *params)))
        return op.emitOpError("the rescale ")
               << formatReal(in->getScale() / params->getScale())
               << " has no Q31 multiplier with a shift in [0, 62]";
      map(op.getOutput(),
          RequantizeOp::create(builder, op.getLoc(), *type, input));
    }
    markReplaced(op);
    return success();
  }

  if (accScales)
    return op.emitOpError("has acc_scale but its input is neither an "
                          "accumulator of a realized op nor a quantized value");

  // A constant: quantized at compile time.
  if (std::optional<SmallVector<double>> values =
          getConstantFloats(op.getInput())) {
    SmallVector<int64_t> ints = quantizeValues(*values, inputType.getShape(),
                                               *params, op.getRounding());
    auto storageType = RankedTensorType::get(
        inputType.getShape(),
        getConstantStorageType(builder, params->storageWidth,
                               params->isSigned));
    SmallVector<APInt> elements;
    for (int64_t q : ints)
      elements.push_back(APInt(params->storageWidth, static_cast<uint64_t>(q),
                               /*isSigned=*/params->isSigned,
                               /*implicitTrunc=*/true));
    Value constant =
        tosa::ConstOp::create(builder, op.getLoc(), *type,
                              DenseElementsAttr::get(storageType, elements));
    map(op.getOutput(), constant);
    markReplaced(op);
    return success();
  }

  // A float value (graph input, float op): quantize at run time.
  map(op.getOutput(), QuantizeOp::create(builder, op.getLoc(), *type,
                                         op.getInput(), op.getRounding()));
  markReplaced(op);
  return success();
}

LogicalResult Realizer::visit(Operation *op) {
  if (isReplaced(op))
    return success();
  builder.setInsertionPoint(op);
  if (auto sim = dyn_cast<SimQuantizeOp>(op))
    return realizeSimQuantize(sim);
  if (!isQuantizedOp(op))
    return success();
  return TypeSwitch<Operation *, LogicalResult>(op)
      .Case<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::MatMulOp>(
          [&](Operation *contraction) {
            return realizeContraction(*this, contraction);
          })
      .Case([&](tosa::AddOp add) { return realizeAdd(*this, add); })
      .Case([&](tosa::MulOp mul) { return realizeMul(*this, mul); })
      .Case([&](tosa::AvgPool2dOp pool) { return realizeAvgPool(*this, pool); })
      .Case([&](tosa::ClampOp clamp) { return realizeClamp(*this, clamp); })
      .Case([&](tosa::MaxPool2dOp pool) { return realizeMaxPool(*this, pool); })
      .Case([&](tosa::ConcatOp concat) { return realizeConcat(*this, concat); })
      .Case([&](tosa::ReshapeOp reshape) {
        return realizeReshape(*this, reshape);
      })
      .Case([&](tosa::TransposeOp transpose) {
        return realizeTranspose(*this, transpose);
      })
      .Case([&](tosa::PadOp pad) { return realizePad(*this, pad); })
      .Default([&](Operation *other) {
        // Quantized kinds without an integer hwq op (sigmoid, tanh,
        // softmax): the op runs in float between a dequantize of its input
        // and a quantize of its output edge.
        other->emitWarning("has no integer realization in hwq; it runs in "
                           "float between hwq.dequantize and hwq.quantize, "
                           "which matches the simulation only up to the f32 "
                           "rounding of the dequantized input");
        return success();
      });
}

LogicalResult Realizer::insertDequantizes() {
  for (Value simulated : realizedOrder) {
    SmallVector<OpOperand *> uses;
    for (OpOperand &use : simulated.getUses())
      if (!isReplaced(use.getOwner()))
        uses.push_back(&use);
    if (uses.empty())
      continue;
    Value value = realized.lookup(simulated);
    builder.setInsertionPointAfterValue(value);
    Value dequantized = DequantizeOp::create(builder, simulated.getLoc(),
                                             simulated.getType(), value);
    for (OpOperand *use : uses)
      use->set(dequantized);
  }
  return success();
}

LogicalResult Realizer::eraseReplaced() {
  for (Operation *op : replaced)
    for (Value result : op->getResults())
      for (Operation *user : result.getUsers())
        if (!isReplaced(user))
          return user->emitOpError("reads ")
                 << op->getName() << " result that hwq-realize replaced "
                 << "without a realized value; this graph is not supported";
  SetVector<Operation *> constants;
  Block &block = func.getFunctionBody().front();
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block))) {
    if (!isReplaced(&op))
      continue;
    for (Value operand : op.getOperands())
      if (Operation *def = operand.getDefiningOp();
          def && def->hasTrait<OpTrait::ConstantLike>())
        constants.insert(def);
    op.erase();
  }
  // Realized constants a rewrite superseded (a transposed weight).
  for (Value simulated : realizedOrder)
    if (Operation *def = realized.lookup(simulated).getDefiningOp();
        def && def->hasTrait<OpTrait::ConstantLike>())
      constants.insert(def);
  for (Operation *constant : constants)
    if (constant->use_empty())
      constant->erase();
  return success();
}

LogicalResult Realizer::run() {
  if (func.isExternal())
    return success();
  if (!func.getFunctionBody().hasOneBlock())
    return func.emitOpError("hwq-realize handles single-block functions");
  SmallVector<Operation *> ops;
  for (Operation &op : func.getFunctionBody().front())
    ops.push_back(&op);
  for (Operation *op : ops)
    if (failed(visit(op)))
      return failure();
  if (failed(insertDequantizes()))
    return failure();
  return eraseReplaced();
}

namespace {
struct RealizePass : public hwq::impl::HwqRealizePassBase<RealizePass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<FunctionOpInterface> funcs;
    getOperation()->walk(
        [&](FunctionOpInterface func) { funcs.push_back(func); });
    for (FunctionOpInterface func : funcs) {
      Realizer realizer(func);
      if (failed(realizer.run()))
        return signalPassFailure();
    }
  }
};
} // namespace
