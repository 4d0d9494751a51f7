//===- ExactSimulation.cpp - make the simulation bit-exact ------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// hwq-exact-sim turns a calibrated simulated graph into one whose quantized
// edges carry exactly the integers of the realized graph (docs/Numerics.md,
// section 5; docs/Realize.md). It only adds simulation: `acc_scale`
// operands, `hwq.sim_quantize` ops with the roles snap / add_input /
// requantize, a bias on the accumulator grid, and the sum / divide of an
// average pool. Ops are visited once, in program order; ops this pass
// creates are not revisited, and a second run changes nothing.
//
//===----------------------------------------------------------------------===//

#include "SimulatedGraph.h"

#include "hwq/Dialect/Hwq/IR/HwqDialect.h"
#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"
#include "hwq/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

namespace hwq {
#define GEN_PASS_DEF_HWQEXACTSIMPASS
#include "hwq/Dialect/Hwq/Transforms/Passes.h.inc"
} // namespace hwq

using namespace mlir;
using namespace hwq;

namespace {

/// An input edge of a quantized op: its grid and the sim_quantize that
/// defines it.
struct InputGrid {
  SimQuantizeOp def;
  QuantParams params;
};

/// Rewrites one function.
class ExactSimulator {
public:
  LogicalResult run(FunctionOpInterface func);

private:
  LogicalResult visit(Operation *op);
  LogicalResult handleActivation(SimQuantizeOp op);
  LogicalResult handleContraction(Operation *op);
  LogicalResult handleMul(tosa::MulOp op);
  LogicalResult handleAdd(tosa::AddOp op);
  LogicalResult handleAvgPool(tosa::AvgPool2dOp op);
  LogicalResult handleClamp(tosa::ClampOp op);
  LogicalResult handlePad(tosa::PadOp op);
  LogicalResult handleConcat(tosa::ConcatOp op);

  FailureOr<InputGrid> getInputGrid(Operation *user, unsigned operand,
                                    bool perTensor);
  FailureOr<SimQuantizeOp> getOutputSim(Operation *op);
  SimQuantizeOp createSnap(OpBuilder &builder, Location loc, Value input,
                           SimQuantizeOp grid, Value scale);
  void warnRecovery(Operation *op, int64_t channel, double bound,
                    double relativeError, double extraError,
                    unsigned accumulatorBits);

  /// Constants left without uses by setAccScale, erased after the walk: one
  /// defined after the op being handled has not been visited yet.
  SmallVector<Operation *> deadConstants;
};

/// The accumulator width of a quantized op's chosen alternative (32 when the
/// alternative does not say).
unsigned getAccumulatorBits(Operation *op) {
  if (auto config = op->getAttrOfType<DTypeConfigAttr>(kConfigAttrName))
    if (auto type = dyn_cast<IntegerType>(config.getAccumulator()))
      return type.getWidth();
  return 32;
}

/// True when every element of the constant `value` is 0.0 (or 0).
bool isZeroConstant(Value value) {
  if (std::optional<SmallVector<double>> floats = getConstantFloats(value))
    return llvm::all_of(*floats, [](double x) { return x == 0.0; });
  if (std::optional<SmallVector<int64_t>> ints = getConstantInts(value))
    return llvm::all_of(*ints, [](int64_t x) { return x == 0; });
  return false;
}

/// True when clamping on-grid values of `grid` at `bound` (an upper bound
/// when `isMax`) gives on-grid values whose integers are those of the
/// realized clamp at quantizeReal(bound): the bound is a grid point, or lies
/// beyond the clip range on its side.
bool isBoundExact(double bound, const QuantParams &grid, bool isMax) {
  double s = grid.getScale();
  double z = static_cast<double>(grid.getZeroPoint());
  if (std::isnan(bound))
    return false;
  if (isMax && bound >= (grid.storageMax - z) * s)
    return true;
  if (!isMax && bound <= (grid.storageMin - z) * s)
    return true;
  double steps = bound / s;
  return std::isfinite(steps) && steps == std::nearbyint(steps);
}

/// A float constant of `shape` filled with `value` (element type `type`).
Value createFilledConstant(OpBuilder &builder, Location loc, Type type,
                           ArrayRef<int64_t> shape, double value) {
  auto tensorType = RankedTensorType::get(shape, type);
  Attribute element = builder.getFloatAttr(type, value);
  return tosa::ConstOp::create(builder, loc, tensorType,
                               DenseElementsAttr::get(tensorType, element));
}

/// `tosa.const dense<0> : tensor<1xi8>`, the shift of a float tosa.mul.
Value createMulShift(OpBuilder &builder, Location loc) {
  auto type = RankedTensorType::get({1}, builder.getI8Type());
  return tosa::ConstOp::create(
      builder, loc, type,
      DenseElementsAttr::get(type, builder.getI8IntegerAttr(0)));
}

/// `arith.constant dense<value> : tensor<i32>`.
Value createI32Constant(OpBuilder &builder, Location loc, int32_t value) {
  auto type = RankedTensorType::get({}, builder.getI32Type());
  return arith::ConstantOp::create(
      builder, loc, type,
      DenseElementsAttr::get(type, builder.getI32IntegerAttr(value)));
}

/// Sets `acc_scale` of `sim` to the constant `values` unless it already
/// holds them (so that a second run changes nothing). A constant that held
/// the old value and has no other use is added to `dead`.
void setAccScale(SimQuantizeOp sim, ArrayRef<double> values, Location loc,
                 SmallVectorImpl<Operation *> &dead) {
  if (std::optional<SmallVector<double>> current = getAccScales(sim)) {
    SmallVector<double> wanted;
    for (double v : values)
      wanted.push_back(static_cast<double>(static_cast<float>(v)));
    if (*current == wanted)
      return;
  }
  OpBuilder builder(sim);
  Value old = sim.getAccScale();
  sim.getAccScaleMutable().assign(createF32Constant(builder, loc, values));
  if (Operation *def = old ? old.getDefiningOp() : nullptr;
      def && def->use_empty() && def->hasTrait<OpTrait::ConstantLike>())
    dead.push_back(def);
}

} // namespace

LogicalResult ExactSimulator::run(FunctionOpInterface func) {
  if (func.isExternal())
    return success();
  // Every edge must be calibrated before anything is derived from it.
  WalkResult calibrated = func.getFunctionBody().walk([](SimQuantizeOp op) {
    return failed(getSimQuantizeParams(op)) ? WalkResult::interrupt()
                                            : WalkResult::advance();
  });
  if (calibrated.wasInterrupted())
    return failure();
  SmallVector<Operation *> ops;
  func.getFunctionBody().walk([&](Operation *op) { ops.push_back(op); });
  for (Operation *op : ops)
    if (failed(visit(op)))
      return failure();
  for (Operation *op : deadConstants)
    if (op->use_empty())
      op->erase();
  deadConstants.clear();
  return success();
}

LogicalResult ExactSimulator::visit(Operation *op) {
  if (auto sim = dyn_cast<SimQuantizeOp>(op))
    return handleActivation(sim);
  if (!isQuantizedOp(op))
    return success();
  return TypeSwitch<Operation *, LogicalResult>(op)
      .Case<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::MatMulOp>(
          [&](Operation *contraction) {
            return handleContraction(contraction);
          })
      .Case([&](tosa::MulOp mul) { return handleMul(mul); })
      .Case([&](tosa::AddOp add) { return handleAdd(add); })
      .Case([&](tosa::AvgPool2dOp pool) { return handleAvgPool(pool); })
      .Case([&](tosa::ClampOp clamp) { return handleClamp(clamp); })
      .Case([&](tosa::PadOp pad) { return handlePad(pad); })
      .Case([&](tosa::ConcatOp concat) { return handleConcat(concat); })
      .Default([](Operation *) { return success(); });
}

FailureOr<InputGrid> ExactSimulator::getInputGrid(Operation *user,
                                                  unsigned operand,
                                                  bool perTensor) {
  SimQuantizeOp def = getGridDefiningOp(user->getOperand(operand));
  if (!def)
    return user->emitOpError("operand #")
           << operand << " is not on a quantized grid (no hwq.sim_quantize "
           << "defines it)";
  FailureOr<QuantParams> params = getSimQuantizeParams(def);
  if (failed(params))
    return failure();
  if (perTensor && params->isPerAxis())
    return user->emitOpError("operand #")
           << operand << " is quantized per axis; this op needs a per-tensor "
           << "grid";
  return InputGrid{def, *params};
}

FailureOr<SimQuantizeOp> ExactSimulator::getOutputSim(Operation *op) {
  Value result = op->getResult(0);
  auto sim = result.hasOneUse()
                 ? dyn_cast<SimQuantizeOp>(*result.getUsers().begin())
                 : SimQuantizeOp();
  if (!sim || sim.getInput() != result)
    return op->emitOpError("result must feed exactly one hwq.sim_quantize "
                           "(its output edge) to be simulated exactly");
  return sim;
}

SimQuantizeOp ExactSimulator::createSnap(OpBuilder &builder, Location loc,
                                         Value input, SimQuantizeOp grid,
                                         Value scale) {
  auto snap = SimQuantizeOp::create(
      builder, loc, input.getType(), input, scale, grid.getZeroPoint(),
      /*acc_scale=*/Value(), grid.getBits(), grid.getIsSigned(),
      grid.getNarrowRange(), /*axis=*/IntegerAttr(), grid.getRounding());
  snap->setAttr(kRoleAttrName, builder.getStringAttr(kRoleSnap));
  return snap;
}

void ExactSimulator::warnRecovery(Operation *op, int64_t channel, double bound,
                                  double relativeError, double extraError,
                                  unsigned accumulatorBits) {
  // The simulation recovers a = round(x / acc_scale) from a float that holds
  // a * (1 + relativeError) (+ extraError from the bias); exact while the
  // error stays below one half. Double evaluation adds ~2^-50 relative.
  double error = bound * (relativeError + 0x1p-50) + extraError;
  if (error >= 0.5)
    op->emitWarning("the simulation may not recover the integer accumulator "
                    "exactly: channel ")
        << channel << " can reach |acc| = " << bound
        << " and acc_scale differs from the exact product of the operand "
        << "scales by a relative " << relativeError
        << " (docs/Realize.md, 'Accumulator recovery')";
  if (bound >= std::ldexp(1.0, accumulatorBits - 1))
    op->emitWarning("channel ")
        << channel << " can reach |acc| = " << bound << ", beyond the "
        << accumulatorBits << "-bit accumulator: the realized graph wraps "
        << "where the simulation does not";
}

LogicalResult ExactSimulator::handleActivation(SimQuantizeOp op) {
  auto role = op->getAttrOfType<StringAttr>(kRoleAttrName);
  if (role && role.getValue() != kRoleActivation)
    return success();
  if (op.getAccScale())
    return success();
  SimQuantizeOp def = getGridDefiningOp(op.getInput());
  if (!def)
    return success(); // A float producer: a plain quantize.
  FailureOr<QuantParams> in = getSimQuantizeParams(def);
  if (failed(in))
    return failure();
  if (in->isPerAxis())
    return op.emitOpError("requantizes a per-axis grid; the realized "
                          "requantize of an activation needs a per-tensor "
                          "input");
  // An integer requantize from the producer's grid: recover q - z_in
  // exactly and apply the realized fixed-point rescale.
  op.getAccScaleMutable().assign(def.getScale());
  return success();
}

LogicalResult ExactSimulator::handleContraction(Operation *op) {
  StringRef kind = getOpKindAttr(op);
  bool isMatMul = isa<tosa::MatMulOp>(op);
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  int64_t rank = resultType.getRank();
  int64_t channels = resultType.getDimSize(rank - 1);

  // Zero points: a float TOSA contraction pads and offsets with 0.0, which
  // is the zero point z of every grid ((z - z) * s = 0).
  unsigned zpBegin = isMatMul ? 2 : 3;
  for (unsigned i = zpBegin; i < zpBegin + 2; ++i)
    if (!isZeroConstant(op->getOperand(i)))
      return op->emitOpError("zero-point operand #")
             << i << " must be the constant 0.0 (padding and offsets are the "
             << "zero point in the simulated float domain)";

  FailureOr<InputGrid> input = getInputGrid(op, 0, /*perTensor=*/true);
  FailureOr<InputGrid> weight = getInputGrid(op, 1, /*perTensor=*/false);
  if (failed(input) || failed(weight))
    return failure();
  auto weightType = cast<RankedTensorType>(op->getOperand(1).getType());
  const QuantParams &w = weight->params;

  // Output channel o -> weight channel.
  int64_t multiplier = 1; // depthwise M
  if (w.isPerAxis()) {
    int32_t expected = kind == "conv2d" ? 0 : 2;
    if (*w.axis != expected)
      return op->emitOpError("weights are quantized per axis ")
             << *w.axis << "; the realized " << kind
             << " needs per-axis weights on dimension " << expected;
    if (kind == "depthwise_conv2d" && weightType.getDimSize(3) != 1)
      return op->emitOpError("per-axis depthwise weights need a channel "
                             "multiplier of 1");
  }
  if (kind == "depthwise_conv2d")
    multiplier = weightType.getDimSize(3);
  auto weightChannel = [&](int64_t o) { return o / multiplier; };

  double sIn = input->params.getScale();
  SmallVector<double> accScales;
  for (int64_t o = 0; o < (w.isPerAxis() ? channels : 1); ++o)
    accScales.push_back(productScale(sIn, w.getScale(weightChannel(o))));
  auto accOf = [&](int64_t o) {
    return accScales.size() == 1 ? accScales.front() : accScales[o];
  };

  FailureOr<SimQuantizeOp> output = getOutputSim(op);
  if (failed(output))
    return failure();
  FailureOr<QuantParams> outParams = getSimQuantizeParams(*output);
  if (failed(outParams))
    return failure();
  if (outParams->isPerAxis() && *outParams->axis != rank - 1)
    return output->emitOpError("output scales are per axis ")
           << *outParams->axis << "; per-channel outputs must be on the "
           << "channel (last) dimension";

  // Bias on the accumulator grid.
  SmallVector<int64_t> biasInts(channels, 0);
  SmallVector<double> biasErrors(channels, 0.0);
  if (!isMatMul) {
    Value bias = op->getOperand(2);
    std::optional<SmallVector<double>> values = getConstantFloats(bias);
    if (!values || (values->size() != 1 &&
                    static_cast<int64_t>(values->size()) != channels))
      return op->emitOpError("bias must be a float constant with 1 or ")
             << channels << " elements";
    SmallVector<double> snapped;
    for (int64_t o = 0; o < channels; ++o) {
      double b = (*values)[values->size() == 1 ? 0 : o];
      double steps = std::nearbyint(b / accOf(o));
      if (!(std::fabs(steps) < 0x1p31))
        return op->emitOpError("bias ")
               << formatReal(b) << " of channel " << o << " is " << steps
               << " accumulator steps, beyond the i32 bias";
      biasInts[o] = static_cast<int64_t>(steps);
      // Stored as f32: recovered exactly by round(b' / acc_scale).
      double stored = static_cast<double>(static_cast<float>(steps * accOf(o)));
      snapped.push_back(stored);
      biasErrors[o] = std::fabs(stored / accOf(o) - steps);
    }
    auto biasType = RankedTensorType::get(
        {channels}, cast<ShapedType>(bias.getType()).getElementType());
    OpBuilder builder(op);
    SmallVector<Attribute> elements;
    for (double b : snapped)
      elements.push_back(builder.getFloatAttr(biasType.getElementType(), b));
    Value newBias =
        tosa::ConstOp::create(builder, bias.getLoc(), biasType,
                              DenseElementsAttr::get(biasType, elements));
    op->setOperand(2, newBias);
    if (Operation *oldBias = bias.getDefiningOp();
        oldBias && oldBias->use_empty())
      oldBias->erase();
  }

  // Worst-case accumulator per output channel, for the recovery warning.
  double inMagnitude = input->params.getMaxCenteredMagnitude();
  SmallVector<double> weightSums(channels, 0.0);
  if (std::optional<SmallVector<double>> values =
          getConstantFloats(weight->def.getInput())) {
    SmallVector<int64_t> q = quantizeValues(*values, weightType.getShape(), w,
                                            weight->def.getRounding());
    ArrayRef<int64_t> shape = weightType.getShape();
    for (auto [i, value] : llvm::enumerate(q)) {
      int64_t o;
      if (kind == "conv2d")
        o = i / (shape[1] * shape[2] * shape[3]);
      else if (kind == "depthwise_conv2d")
        o = i % (shape[2] * shape[3]);
      else
        o = i % shape[2];
      int64_t z = w.getZeroPoint(getChannelOf(i, shape, w.axis));
      weightSums[o] += std::fabs(static_cast<double>(value - z));
    }
  } else {
    // Activation x activation matmul: K * max|b - z_b| per column.
    int64_t k = weightType.getDimSize(1);
    for (double &sum : weightSums)
      sum = k * static_cast<double>(w.getMaxCenteredMagnitude());
  }
  unsigned accBits = getAccumulatorBits(op);
  for (int64_t o = 0; o < channels; ++o) {
    double exact = sIn * w.getScale(weightChannel(o));
    double relative = std::fabs(exact / accOf(o) - 1.0);
    warnRecovery(op, o, inMagnitude * weightSums[o] + std::fabs(biasInts[o]),
                 relative, biasErrors[o], accBits);
  }

  // acc_scale on the output edge, per channel on the last axis.
  setAccScale(*output, accScales, op->getLoc(), deadConstants);
  if (accScales.size() > 1)
    output->setAxis(static_cast<uint64_t>(rank - 1));
  return success();
}

LogicalResult ExactSimulator::handleMul(tosa::MulOp op) {
  if (!isZeroConstant(op.getShift()))
    return op.emitOpError("shift must be the constant 0 on a float mul");
  FailureOr<InputGrid> a = getInputGrid(op, 0, /*perTensor=*/true);
  FailureOr<InputGrid> b = getInputGrid(op, 1, /*perTensor=*/true);
  if (failed(a) || failed(b))
    return failure();
  FailureOr<SimQuantizeOp> output = getOutputSim(op);
  if (failed(output))
    return failure();
  double sa = a->params.getScale(), sb = b->params.getScale();
  double acc = productScale(sa, sb);
  warnRecovery(op, 0,
               static_cast<double>(a->params.getMaxCenteredMagnitude()) *
                   b->params.getMaxCenteredMagnitude(),
               std::fabs(sa * sb / acc - 1.0), 0.0, 64);
  setAccScale(*output, {acc}, op.getLoc(), deadConstants);
  return success();
}

LogicalResult ExactSimulator::handleAdd(tosa::AddOp op) {
  auto isAddInput = [](Value v) {
    auto sim = v.getDefiningOp<SimQuantizeOp>();
    auto role = sim ? sim->getAttrOfType<StringAttr>(kRoleAttrName) : nullptr;
    return role && role.getValue() == kRoleAddInput;
  };
  if (isAddInput(op.getInput1()) && isAddInput(op.getInput2()))
    return success(); // Already exact.
  FailureOr<InputGrid> a = getInputGrid(op, 0, /*perTensor=*/true);
  FailureOr<InputGrid> b = getInputGrid(op, 1, /*perTensor=*/true);
  if (failed(a) || failed(b))
    return failure();
  FailureOr<SimQuantizeOp> output = getOutputSim(op);
  if (failed(output))
    return failure();

  int32_t k = chooseAddIntermediateShift(a->params, b->params);
  double si =
      getAddIntermediateScale(a->params.getScale(), b->params.getScale(), k);
  if (roundScaleToF32(si) != si || si < 0x1p-126)
    return op.emitOpError("the intermediate scale ")
           << formatReal(si) << " of the integer add is not a normal f32 value";
  double bound = 0;
  for (const InputGrid *grid : {&*a, &*b})
    bound +=
        grid->params.getMaxCenteredMagnitude() * (grid->params.getScale() / si);
  if (bound >= 0x1p31)
    return op.emitOpError("the rescaled inputs of the integer add can reach ")
           << bound << ", beyond 32 bits";

  OpBuilder builder(op);
  Location loc = op.getLoc();
  Value siValue = createF32Constant(builder, loc, {si});
  Value zero = createI32Constant(builder, loc, 0);
  for (auto [index, grid] :
       llvm::enumerate(std::array<InputGrid *, 2>{&*a, &*b})) {
    Value input = op->getOperand(index);
    auto sim = SimQuantizeOp::create(
        builder, loc, input.getType(), input, siValue, zero,
        grid->def.getScale(), /*bits=*/32, /*is_signed=*/true,
        /*narrow_range=*/false, /*axis=*/IntegerAttr(),
        RoundingMode::HalfToEven);
    sim->setAttr(kRoleAttrName, builder.getStringAttr(kRoleAddInput));
    op->setOperand(index, sim.getResult());
  }
  output->getAccScaleMutable().assign(siValue);
  return success();
}

LogicalResult ExactSimulator::handleAvgPool(tosa::AvgPool2dOp op) {
  Value result = op.getResult();
  if (result.hasOneUse() && isa<tosa::MulOp>(*result.getUsers().begin()))
    return success(); // Already split into sum, requantize and divide.
  if (llvm::any_of(op.getPad(), [](int64_t p) { return p != 0; }))
    return op.emitOpError("has padding: its windows have different element "
                          "counts, which one sim_quantize cannot reproduce; "
                          "pad with tosa.pad (zero point) instead");
  if (!isZeroConstant(op.getInputZp()) || !isZeroConstant(op.getOutputZp()))
    return op.emitOpError("zero points must be the constant 0.0");
  FailureOr<InputGrid> input = getInputGrid(op, 0, /*perTensor=*/true);
  if (failed(input))
    return failure();
  FailureOr<SimQuantizeOp> output = getOutputSim(op);
  if (failed(output))
    return failure();
  FailureOr<QuantParams> out = getSimQuantizeParams(*output);
  if (failed(out))
    return failure();
  if (out->isPerAxis())
    return output->emitOpError("an average pool's output must be per-tensor");
  int64_t count = op.getKernel()[0] * op.getKernel()[1];
  double windowScale = roundScaleToF32(count * out->getScale());
  if (!computeMultiplierAndShift(input->params.getScale() / windowScale))
    return op.emitOpError("the rescale s_in / (count * s_out) = ")
           << formatReal(input->params.getScale() / windowScale)
           << " has no Q31 multiplier";

  // sum = avg * count, recovered exactly on the input grid; requantized by
  // count * s_out as hwq.avg_pool2d does; then / count and snapped to s_out.
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(result.getType());
  Type element = type.getElementType();
  OpBuilder builder(op->getContext());
  builder.setInsertionPointAfter(op);
  Value shift = createMulShift(builder, loc);
  Value countValue = createFilledConstant(builder, loc, element, {1, 1, 1, 1},
                                          static_cast<double>(count));
  Value sum =
      tosa::MulOp::create(builder, loc, type, result, countValue, shift);
  Value originalScale = output->getScale();
  output->getInputMutable().assign(sum);
  builder.setInsertionPoint(*output);
  output->getScaleMutable().assign(
      createF32Constant(builder, loc, {windowScale}));
  output->getAccScaleMutable().assign(input->def.getScale());

  builder.setInsertionPointAfter(*output);
  Value inverse = createFilledConstant(
      builder, loc, element, {1, 1, 1, 1},
      static_cast<double>(static_cast<float>(1.0 / count)));
  Value mean = tosa::MulOp::create(builder, loc, type, output->getResult(),
                                   inverse, shift);
  SimQuantizeOp snap = createSnap(builder, loc, mean, *output, originalScale);
  output->getResult().replaceAllUsesExcept(snap.getResult(),
                                           mean.getDefiningOp());
  return success();
}

LogicalResult ExactSimulator::handleClamp(tosa::ClampOp op) {
  Value result = op.getResult();
  if (result.hasOneUse())
    if (auto user = dyn_cast<SimQuantizeOp>(*result.getUsers().begin()))
      if (auto role = user->getAttrOfType<StringAttr>(kRoleAttrName);
          role && role.getValue() == kRoleSnap)
        return success(); // Already snapped.
  FailureOr<InputGrid> input = getInputGrid(op, 0, /*perTensor=*/true);
  if (failed(input))
    return failure();
  auto minAttr = dyn_cast<FloatAttr>(op.getMinValAttr());
  auto maxAttr = dyn_cast<FloatAttr>(op.getMaxValAttr());
  if (!minAttr || !maxAttr)
    return op.emitOpError("needs float bounds on a simulated graph");
  if (isBoundExact(minAttr.getValueAsDouble(), input->params, false) &&
      isBoundExact(maxAttr.getValueAsDouble(), input->params, true))
    return success();
  OpBuilder builder(op->getContext());
  builder.setInsertionPointAfter(op);
  SimQuantizeOp snap = createSnap(builder, op.getLoc(), result, input->def,
                                  input->def.getScale());
  result.replaceAllUsesExcept(snap.getResult(), snap);
  return success();
}

LogicalResult ExactSimulator::handlePad(tosa::PadOp op) {
  Value result = op.getResult();
  if (result.hasOneUse())
    if (auto user = dyn_cast<SimQuantizeOp>(*result.getUsers().begin()))
      if (auto role = user->getAttrOfType<StringAttr>(kRoleAttrName);
          role && role.getValue() == kRoleSnap)
        return success();
  FailureOr<InputGrid> input = getInputGrid(op, 0, /*perTensor=*/true);
  if (failed(input))
    return failure();
  std::optional<SmallVector<double>> padValue =
      getConstantFloats(op.getPadConst());
  if (!padValue || padValue->size() != 1)
    return op.emitOpError("pad_const must be a float constant");
  double c = padValue->front();
  const QuantParams &grid = input->params;
  double steps = c / grid.getScale();
  bool onGrid = std::isfinite(steps) && steps == std::nearbyint(steps) &&
                steps + grid.getZeroPoint() >= grid.storageMin &&
                steps + grid.getZeroPoint() <= grid.storageMax;
  if (onGrid)
    return success();
  OpBuilder builder(op->getContext());
  builder.setInsertionPointAfter(op);
  SimQuantizeOp snap = createSnap(builder, op.getLoc(), result, input->def,
                                  input->def.getScale());
  result.replaceAllUsesExcept(snap.getResult(), snap);
  return success();
}

LogicalResult ExactSimulator::handleConcat(tosa::ConcatOp op) {
  SmallVector<InputGrid> grids;
  for (unsigned i = 0, e = op->getNumOperands(); i < e; ++i) {
    FailureOr<InputGrid> grid = getInputGrid(op, i, /*perTensor=*/true);
    if (failed(grid))
      return failure();
    grids.push_back(*grid);
  }
  if (llvm::all_of(grids, [&](const InputGrid &g) {
        return isSameGrid(g.params, grids.front().params);
      }))
    return success();
  // The grid covering the widest real range becomes the concat's.
  auto range = [](const QuantParams &p) {
    return (p.storageMax - p.storageMin) * p.getScale();
  };
  const InputGrid *target = &grids.front();
  for (const InputGrid &g : grids)
    if (range(g.params) > range(target->params))
      target = &g;
  OpBuilder builder(op);
  for (auto [index, grid] : llvm::enumerate(grids)) {
    if (isSameGrid(grid.params, target->params))
      continue;
    Value input = op->getOperand(index);
    SimQuantizeOp def = target->def;
    auto sim = SimQuantizeOp::create(
        builder, op.getLoc(), input.getType(), input, def.getScale(),
        def.getZeroPoint(), grid.def.getScale(), def.getBits(),
        def.getIsSigned(), def.getNarrowRange(), /*axis=*/IntegerAttr(),
        RoundingMode::HalfToEven);
    sim->setAttr(kRoleAttrName, builder.getStringAttr(kRoleRequantize));
    op->setOperand(index, sim.getResult());
  }
  return success();
}

namespace {
struct ExactSimPass : public hwq::impl::HwqExactSimPassBase<ExactSimPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<FunctionOpInterface> funcs;
    getOperation()->walk(
        [&](FunctionOpInterface func) { funcs.push_back(func); });
    for (FunctionOpInterface func : funcs) {
      ExactSimulator simulator;
      if (failed(simulator.run(func)))
        return signalPassFailure();
    }
  }
};
} // namespace
