//===- RealizeElementwise.cpp - add, mul, avg_pool2d, clamp -----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The ops that requantize (add, mul, avg_pool2d) are realized together with
// their output sim_quantize after checking that the simulation has exactly
// the structure hwq-exact-sim writes for them (docs/Numerics.md, section 5);
// a clamp becomes the fused clamp of its producer or an identity
// hwq.requantize with integer bounds.
//
//===----------------------------------------------------------------------===//

#include "Realize.h"

#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"
#include "hwq/Dialect/Hwq/Transforms/Passes.h"

#include <cmath>

using namespace mlir;
using namespace hwq;

/// The single scale of a per-tensor acc_scale, or nullopt.
static std::optional<double> getSingleAccScale(SimQuantizeOp sim) {
  std::optional<SmallVector<double>> scales = getAccScales(sim);
  if (!scales || scales->size() != 1)
    return std::nullopt;
  return scales->front();
}

/// True when every element of the constant `value` is `expected`.
static bool isConstantEqualTo(Value value, double expected) {
  std::optional<SmallVector<double>> values = getConstantFloats(value);
  if (!values)
    if (std::optional<SmallVector<int64_t>> ints = getConstantInts(value)) {
      values.emplace();
      for (int64_t v : *ints)
        values->push_back(static_cast<double>(v));
    }
  return values && !values->empty() &&
         llvm::all_of(*values, [&](double v) { return v == expected; });
}

LogicalResult hwq::realizeAdd(Realizer &realizer, tosa::AddOp op) {
  // Each input: sim_quantize(x, scale = s_i, zero_point = 0,
  // acc_scale = s_x, 32 bits) of a quantized x.
  SmallVector<Value> inputs;
  SmallVector<QuantParams> grids;
  std::optional<double> intermediate;
  for (unsigned i = 0; i < 2; ++i) {
    auto sim = op->getOperand(i).getDefiningOp<SimQuantizeOp>();
    FailureOr<QuantParams> simParams =
        sim ? getSimQuantizeParams(sim) : FailureOr<QuantParams>(failure());
    std::optional<double> acc = sim ? getSingleAccScale(sim) : std::nullopt;
    if (!sim || failed(simParams) || !acc || simParams->isPerAxis() ||
        simParams->zeroPoints.front() != 0 ||
        simParams->storageMin > -(int64_t(1) << 31) ||
        simParams->storageMax < (int64_t(1) << 31) - 1 ||
        (intermediate && *intermediate != simParams->getScale()))
      return op.emitOpError("operand #")
             << i << " must be the rescale of a quantized value onto the "
             << "add's intermediate grid (sim_quantize with acc_scale, zero "
             << "point 0, 32 bits; run hwq-exact-sim)";
    intermediate = simParams->getScale();
    Value input = realizer.lookup(sim.getInput());
    if (!input)
      return sim.emitOpError("input is not on an integer grid");
    FailureOr<QuantParams> grid = realizer.getParams(op, input, true);
    if (failed(grid))
      return failure();
    if (grid->getScale() != *acc)
      return sim.emitOpError("acc_scale ")
             << formatReal(*acc) << " is not the scale "
             << formatReal(grid->getScale())
             << " of its input's grid (run hwq-exact-sim)";
    inputs.push_back(input);
    grids.push_back(*grid);
    realizer.markReplaced(sim);
  }
  // s_i = min(s_a, s_b) * 2^-k.
  double finer = std::min(grids[0].getScale(), grids[1].getScale());
  int exponent = 0;
  double fraction = std::frexp(finer / *intermediate, &exponent);
  int32_t k = exponent - 1;
  if (fraction != 0.5 || k < 0 || k > 30)
    return op.emitOpError("intermediate scale ")
           << formatReal(*intermediate)
           << " is not min(s_a, s_b) * 2^-k, k in [0, 30]";

  FailureOr<SimQuantizeOp> output = realizer.getOutputSim(op);
  if (failed(output))
    return failure();
  std::optional<double> outAcc = getSingleAccScale(*output);
  if (!outAcc || *outAcc != *intermediate)
    return output->emitOpError("acc_scale must be the add's intermediate "
                               "scale ")
           << formatReal(*intermediate) << " (run hwq-exact-sim)";
  FailureOr<RankedTensorType> type = realizer.getEdgeType(
      *output, cast<RankedTensorType>(op.getType()).getShape());
  if (failed(type))
    return failure();
  if (getQuantParams(*type)->isPerAxis())
    return output->emitOpError("the output of an integer add is per-tensor");
  Value result = AddOp::create(realizer.getBuilder(), op.getLoc(), *type,
                               inputs[0], inputs[1], k);
  realizer.map(output->getOutput(), result);
  realizer.markReplaced(op);
  realizer.markReplaced(*output);
  return success();
}

LogicalResult hwq::realizeMul(Realizer &realizer, tosa::MulOp op) {
  if (!isConstantEqualTo(op.getShift(), 0.0))
    return op.emitOpError("shift must be the constant 0");
  FailureOr<Value> a = realizer.getQuantizedOperand(op, 0);
  FailureOr<Value> b = realizer.getQuantizedOperand(op, 1);
  if (failed(a) || failed(b))
    return failure();
  FailureOr<QuantParams> pa = realizer.getParams(op, *a, true);
  FailureOr<QuantParams> pb = realizer.getParams(op, *b, true);
  FailureOr<SimQuantizeOp> output = realizer.getOutputSim(op);
  if (failed(pa) || failed(pb) || failed(output))
    return failure();
  double expected = productScale(pa->getScale(), pb->getScale());
  std::optional<double> acc = getSingleAccScale(*output);
  if (!acc || *acc != expected)
    return output->emitOpError("acc_scale must be productScale(s_a, s_b) = ")
           << formatReal(expected) << " (run hwq-exact-sim)";
  FailureOr<RankedTensorType> type = realizer.getEdgeType(
      *output, cast<RankedTensorType>(op.getType()).getShape());
  if (failed(type))
    return failure();
  FailureOr<QuantParams> out = getQuantParams(*type);
  if (out->isPerAxis() ||
      !computeMultiplierAndShift(expected / out->getScale()))
    return output->emitOpError("the mul's rescale needs a per-tensor output "
                               "and a representable ratio");
  Value result =
      MulOp::create(realizer.getBuilder(), op.getLoc(), *type, *a, *b);
  realizer.map(output->getOutput(), result);
  realizer.markReplaced(op);
  realizer.markReplaced(*output);
  return success();
}

LogicalResult hwq::realizeAvgPool(Realizer &realizer, tosa::AvgPool2dOp op) {
  // avg -> mul(count) -> sim_quantize(scale = f32(count * s_out),
  // acc_scale = s_in) -> mul(f32(1 / count)) -> sim_quantize(s_out).
  auto fail = [&]() {
    return op.emitOpError("must be simulated as sum, requantize by count * "
                          "s_out, divide by count and snap (run "
                          "hwq-exact-sim)");
  };
  FailureOr<Value> input = realizer.getQuantizedOperand(op, 0);
  if (failed(input))
    return failure();
  FailureOr<QuantParams> in = realizer.getParams(op, *input, true);
  if (failed(in))
    return failure();
  if (llvm::any_of(op.getPad(), [](int64_t p) { return p != 0; }))
    return op.emitOpError("padded average pools are not simulated exactly");
  int64_t count = op.getKernel()[0] * op.getKernel()[1];
  auto single = [](Value value) -> Operation * {
    return value.hasOneUse() ? *value.getUsers().begin() : nullptr;
  };
  auto sum = dyn_cast_or_null<tosa::MulOp>(single(op.getResult()));
  if (!sum || !isConstantEqualTo(sum.getInput2(), count) ||
      !isConstantEqualTo(sum.getShift(), 0))
    return fail();
  auto requantized = dyn_cast_or_null<SimQuantizeOp>(single(sum.getResult()));
  if (!requantized)
    return fail();
  auto mean = dyn_cast_or_null<tosa::MulOp>(single(requantized.getOutput()));
  if (!mean ||
      !isConstantEqualTo(
          mean.getInput2(),
          static_cast<double>(static_cast<float>(1.0 / count))) ||
      !isConstantEqualTo(mean.getShift(), 0))
    return fail();
  auto snap = dyn_cast_or_null<SimQuantizeOp>(single(mean.getResult()));
  if (!snap)
    return fail();
  FailureOr<QuantParams> window = getSimQuantizeParams(requantized);
  FailureOr<QuantParams> out = getSimQuantizeParams(snap);
  if (failed(window) || failed(out))
    return failure();
  std::optional<double> acc = getSingleAccScale(requantized);
  if (window->isPerAxis() || out->isPerAxis() || snap.getAccScale() || !acc ||
      *acc != in->getScale() ||
      window->getScale() != roundScaleToF32(count * out->getScale()) ||
      window->zeroPoints != out->zeroPoints ||
      window->storageMin != out->storageMin ||
      window->storageMax != out->storageMax)
    return fail();
  FailureOr<RankedTensorType> type = realizer.getEdgeType(
      snap, cast<RankedTensorType>(op.getType()).getShape());
  if (failed(type))
    return failure();
  Value result =
      AvgPool2DOp::create(realizer.getBuilder(), op.getLoc(), *type, *input,
                          op.getKernel(), op.getStride(), op.getPad());
  realizer.map(snap.getOutput(), result);
  for (Operation *replaced :
       {op.getOperation(), sum.getOperation(), requantized.getOperation(),
        mean.getOperation(), snap.getOperation()})
    realizer.markReplaced(replaced);
  return success();
}

LogicalResult hwq::realizeClamp(Realizer &realizer, tosa::ClampOp op) {
  FailureOr<Value> input = realizer.getQuantizedOperand(op, 0);
  if (failed(input))
    return failure();
  FailureOr<QuantParams> grid = realizer.getParams(op, *input, true);
  if (failed(grid))
    return failure();
  auto minAttr = dyn_cast<FloatAttr>(op.getMinValAttr());
  auto maxAttr = dyn_cast<FloatAttr>(op.getMaxValAttr());
  if (!minAttr || !maxAttr)
    return op.emitOpError("needs float bounds");
  double lo = minAttr.getValueAsDouble(), hi = maxAttr.getValueAsDouble();

  // The snapping sim_quantize after it (hwq-exact-sim), or exact bounds.
  Value result = op.getResult();
  auto snap = result.hasOneUse()
                  ? dyn_cast<SimQuantizeOp>(*result.getUsers().begin())
                  : SimQuantizeOp();
  RoundingMode rounding = RoundingMode::HalfToEven;
  if (snap && isSnapOnto(snap, *grid)) {
    rounding = snap.getRounding();
  } else {
    snap = {};
    double s = grid->getScale(), z = static_cast<double>(grid->getZeroPoint());
    auto exact = [&](double bound, bool isMax) {
      if (isMax && bound >= (grid->storageMax - z) * s)
        return true;
      if (!isMax && bound <= (grid->storageMin - z) * s)
        return true;
      double steps = bound / s;
      return std::isfinite(steps) && steps == std::nearbyint(steps);
    };
    if (!exact(lo, false) || !exact(hi, true))
      return op.emitOpError("bounds [")
             << formatReal(lo) << ", " << formatReal(hi)
             << "] are not grid points of scale " << formatReal(s)
             << " and no snapping sim_quantize follows (run hwq-exact-sim)";
  }
  int64_t qlo = quantizeReal(lo, grid->getScale(), grid->getZeroPoint(),
                             grid->storageMin, grid->storageMax, rounding);
  int64_t qhi = quantizeReal(hi, grid->getScale(), grid->getZeroPoint(),
                             grid->storageMin, grid->storageMax, rounding);
  if (qlo > qhi)
    return op.emitOpError("has an empty integer range");
  Value simulated = snap ? snap.getOutput() : result;
  realizer.markReplaced(op);
  if (snap)
    realizer.markReplaced(snap);
  if (qlo <= grid->storageMin && qhi >= grid->storageMax) {
    realizer.map(simulated, *input);
    return success();
  }
  std::optional<int64_t> clampMin, clampMax;
  if (qlo > grid->storageMin)
    clampMin = qlo;
  if (qhi < grid->storageMax)
    clampMax = qhi;

  // Fuse into the producer's requantize when nothing else reads the
  // unclamped value.
  Operation *producer = input->getDefiningOp();
  if (op.getInput().hasOneUse() && input->use_empty() &&
      realizer.getMappedCount(*input) == 1 &&
      isa_and_nonnull<RequantizeOp, AddOp, MulOp>(producer)) {
    OpBuilder &builder = realizer.getBuilder();
    auto merge = [&](StringRef name, std::optional<int64_t> bound, bool isMin) {
      if (!bound)
        return;
      if (auto existing = producer->getAttrOfType<IntegerAttr>(name))
        bound = isMin ? std::max(*bound, existing.getInt())
                      : std::min(*bound, existing.getInt());
      producer->setAttr(name, builder.getI64IntegerAttr(*bound));
    };
    merge("clamp_min", clampMin, true);
    merge("clamp_max", clampMax, false);
    realizer.map(simulated, *input);
    return success();
  }
  realizer.map(simulated, RequantizeOp::create(realizer.getBuilder(),
                                               op.getLoc(), input->getType(),
                                               *input, clampMin, clampMax));
  return success();
}
