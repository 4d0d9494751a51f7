//===- TosaData.cpp - data movement and reduction TOSA ops ----------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// reshape, transpose, concat, pad, slice, identity, reduce_max, reduce_min
// and reduce_sum. Values move unchanged; integer reduce_sum wraps to the
// result type.
//
//===----------------------------------------------------------------------===//

#include "EvaluatorImpl.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"

#include <cmath>

using namespace mlir;
using namespace hwq::ref;
using namespace hwq::ref::interp;

/// The values of a !tosa.shape operand.
static ArrayRef<int64_t> getShapeValues(Frame &frame, Value value) {
  return frame.get(value).ints;
}

/// Copies the elements of `in` into `out` (same number of elements, both
/// row-major): what reshape and identity do.
static RefTensor withShape(const RefTensor &in, Type elementType,
                           ArrayRef<int64_t> shape) {
  RefTensor out = in;
  out.shape.assign(shape.begin(), shape.end());
  out.elementType = elementType;
  return out;
}

static LogicalResult evalIdentity(tosa::IdentityOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput1());
  return frame.setResult(op, op.getResult(),
                         withShape(in, getResultElementType(op), in.shape));
}

static LogicalResult evalReshape(tosa::ReshapeOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput1());
  SmallVector<int64_t, 4> shape(getShapeValues(frame, op.getShape()));
  // One dimension may be -1: inferred from the element count.
  int64_t known = 1, inferred = -1;
  for (auto [i, dim] : llvm::enumerate(shape)) {
    if (dim == -1 && inferred < 0) {
      inferred = i;
      continue;
    }
    if (dim < 0)
      return op.emitOpError() << "invalid new shape dimension " << dim;
    known *= dim;
  }
  if (inferred >= 0) {
    if (known == 0 || in.getNumElements() % known)
      return op.emitOpError() << "cannot infer the -1 dimension of the new "
                                 "shape";
    shape[inferred] = in.getNumElements() / known;
  }
  if (getNumElements(shape) != in.getNumElements())
    return op.emitOpError()
           << "new shape " << hwq::runtime::formatShape(shape)
           << " does not hold the " << in.getNumElements() << " input elements";
  return frame.setResult(op, op.getResult(),
                         withShape(in, getResultElementType(op), shape));
}

static LogicalResult evalTranspose(tosa::TransposeOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput1());
  ArrayRef<int32_t> perms = op.getPerms();
  int64_t rank = in.getRank();
  if (static_cast<int64_t>(perms.size()) != rank)
    return op.emitOpError() << "perms must have " << rank << " entries";
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t, 4> shape;
  for (int32_t p : perms) {
    if (p < 0 || p >= rank || seen[p])
      return op.emitOpError()
             << "perms is not a permutation of [0, " << rank << ")";
    seen[p] = true;
    shape.push_back(in.shape[p]);
  }
  RefTensor out = RefTensor::zeros(getResultElementType(op), shape);
  if (failed(checkSameKind(op, in, out)))
    return failure();
  SmallVector<int64_t, 4> inStrides = getStrides(in.shape);
  forEachIndex(shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    // out[index] = in[j] with j[perms[d]] = index[d].
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += index[d] * inStrides[perms[d]];
    if (in.isFloat())
      out.floats[linear] = in.floats[source];
    else
      out.ints[linear] = in.ints[source];
  });
  return frame.setResult(op, op.getResult(), std::move(out));
}

static LogicalResult evalConcat(tosa::ConcatOp op, Frame &frame) {
  auto inputs = op.getInput1();
  if (inputs.empty())
    return op.emitOpError() << "needs at least one input";
  const RefTensor &first = frame.get(inputs.front());
  int64_t rank = first.getRank();
  int64_t axis = op.getAxis();
  if (axis < 0 || axis >= rank)
    return op.emitOpError() << "axis " << axis << " is out of range";
  SmallVector<int64_t, 4> shape(first.shape);
  shape[axis] = 0;
  for (Value input : inputs) {
    const RefTensor &t = frame.get(input);
    if (t.getRank() != rank || t.isFloat() != first.isFloat())
      return op.emitOpError() << "inputs differ in rank or element kind";
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && t.shape[d] != first.shape[d])
        return op.emitOpError() << "inputs differ in dimension " << d;
    shape[axis] += t.shape[axis];
  }
  RefTensor out = RefTensor::zeros(getResultElementType(op), shape);
  if (failed(checkSameKind(op, first, out)))
    return failure();
  // Each output row (the dims before axis) is the inputs' rows in order.
  int64_t outer = getNumElements(ArrayRef<int64_t>(shape).take_front(axis));
  int64_t inner = getNumElements(ArrayRef<int64_t>(shape).drop_front(axis + 1));
  int64_t position = 0;
  for (int64_t o = 0; o < outer; ++o) {
    for (Value input : inputs) {
      const RefTensor &t = frame.get(input);
      int64_t chunk = t.shape[axis] * inner;
      for (int64_t k = 0; k < chunk; ++k, ++position) {
        if (t.isFloat())
          out.floats[position] = t.floats[o * chunk + k];
        else
          out.ints[position] = t.ints[o * chunk + k];
      }
    }
  }
  return frame.setResult(op, op.getResult(), std::move(out));
}

static LogicalResult evalPad(tosa::PadOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput1());
  ArrayRef<int64_t> padding = getShapeValues(frame, op.getPadding());
  int64_t rank = in.getRank();
  if (static_cast<int64_t>(padding.size()) != 2 * rank)
    return op.emitOpError() << "padding must have " << 2 * rank << " values";
  SmallVector<int64_t, 4> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (padding[2 * d] < 0 || padding[2 * d + 1] < 0)
      return op.emitOpError() << "negative padding is not supported";
    shape.push_back(in.shape[d] + padding[2 * d] + padding[2 * d + 1]);
  }
  const RefTensor &padConst = frame.get(op.getPadConst());
  if (padConst.getNumElements() != 1 || padConst.isFloat() != in.isFloat())
    return op.emitOpError() << "pad_const must be one element of the input's "
                               "element kind";
  RefTensor out = RefTensor::zeros(getResultElementType(op), shape);
  if (failed(checkSameKind(op, in, out)))
    return failure();
  if (out.isFloat())
    std::fill(out.floats.begin(), out.floats.end(), padConst.floats[0]);
  else
    std::fill(out.ints.begin(), out.ints.end(), padConst.ints[0]);
  SmallVector<int64_t, 4> outStrides = getStrides(shape);
  forEachIndex(in.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t target = 0;
    for (int64_t d = 0; d < rank; ++d)
      target += (index[d] + padding[2 * d]) * outStrides[d];
    if (in.isFloat())
      out.floats[target] = in.floats[linear];
    else
      out.ints[target] = in.ints[linear];
  });
  return frame.setResult(op, op.getResult(), std::move(out));
}

static LogicalResult evalSlice(tosa::SliceOp op, Frame &frame) {
  const RefTensor &in = frame.get(op.getInput1());
  ArrayRef<int64_t> start = getShapeValues(frame, op.getStart());
  ArrayRef<int64_t> size = getShapeValues(frame, op.getSize());
  int64_t rank = in.getRank();
  if (static_cast<int64_t>(start.size()) != rank ||
      static_cast<int64_t>(size.size()) != rank)
    return op.emitOpError() << "start and size must have " << rank << " values";
  for (int64_t d = 0; d < rank; ++d)
    if (start[d] < 0 || size[d] < 0 || start[d] + size[d] > in.shape[d])
      return op.emitOpError() << "slice exceeds the input in dimension " << d;
  RefTensor out = RefTensor::zeros(getResultElementType(op), size);
  if (failed(checkSameKind(op, in, out)))
    return failure();
  SmallVector<int64_t, 4> inStrides = getStrides(in.shape);
  forEachIndex(size, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += (index[d] + start[d]) * inStrides[d];
    if (in.isFloat())
      out.floats[linear] = in.floats[source];
    else
      out.ints[linear] = in.ints[source];
  });
  return frame.setResult(op, op.getResult(), std::move(out));
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

namespace {
enum class Reduction { Max, Min, Sum };
} // namespace

/// Reduces `axis` of the input (kept as a dimension of size 1).
static LogicalResult evalReduce(Operation *op, Frame &frame, int64_t axis,
                                Reduction kind, bool propagateNan) {
  const RefTensor &in = frame.get(op->getOperand(0));
  if (axis < 0 || axis >= in.getRank())
    return op->emitOpError() << "axis " << axis << " is out of range";
  SmallVector<int64_t, 4> shape(in.shape);
  int64_t extent = shape[axis];
  shape[axis] = 1;
  if (extent == 0)
    return op->emitOpError() << "cannot reduce an empty dimension";
  RefTensor out = RefTensor::zeros(getResultElementType(op), shape);
  if (failed(checkSameKind(op, in, out)))
    return failure();
  int64_t inner =
      getNumElements(ArrayRef<int64_t>(in.shape).drop_front(axis + 1));
  int64_t outer = getNumElements(ArrayRef<int64_t>(in.shape).take_front(axis));
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t base = o * extent * inner + i;
      if (in.isFloat()) {
        double acc = in.floats[base];
        bool sawNan = std::isnan(acc);
        for (int64_t k = 1; k < extent; ++k) {
          double x = in.floats[base + k * inner];
          sawNan |= std::isnan(x);
          if (kind == Reduction::Sum)
            acc += x;
          else if (std::isnan(acc))
            acc = x;
          else if (!std::isnan(x))
            acc = kind == Reduction::Max ? std::max(acc, x) : std::min(acc, x);
        }
        if (kind != Reduction::Sum && sawNan && propagateNan)
          acc = std::nan("");
        out.floats[o * inner + i] = acc;
      } else {
        int64_t acc = in.ints[base];
        for (int64_t k = 1; k < extent; ++k) {
          int64_t x = in.ints[base + k * inner];
          if (kind == Reduction::Sum)
            acc = static_cast<int64_t>(static_cast<uint64_t>(acc) +
                                       static_cast<uint64_t>(x));
          else
            acc = kind == Reduction::Max ? std::max(acc, x) : std::min(acc, x);
        }
        out.ints[o * inner + i] = acc;
      }
    }
  }
  return frame.setResult(op, op->getResult(0), std::move(out));
}

static LogicalResult evalReduceMax(tosa::ReduceMaxOp op, Frame &frame) {
  return evalReduce(op, frame, op.getAxis(), Reduction::Max,
                    op.getNanMode() == tosa::NanPropagationMode::PROPAGATE);
}

static LogicalResult evalReduceMin(tosa::ReduceMinOp op, Frame &frame) {
  return evalReduce(op, frame, op.getAxis(), Reduction::Min,
                    op.getNanMode() == tosa::NanPropagationMode::PROPAGATE);
}

static LogicalResult evalReduceSum(tosa::ReduceSumOp op, Frame &frame) {
  return evalReduce(op, frame, op.getAxis(), Reduction::Sum, true);
}

void interp::registerTosaDataEvaluators(OpEvaluatorRegistry &registry) {
  registry.add<tosa::IdentityOp>(evalIdentity);
  registry.add<tosa::ReshapeOp>(evalReshape);
  registry.add<tosa::TransposeOp>(evalTranspose);
  registry.add<tosa::ConcatOp>(evalConcat);
  registry.add<tosa::PadOp>(evalPad);
  registry.add<tosa::SliceOp>(evalSlice);
  registry.add<tosa::ReduceMaxOp>(evalReduceMax);
  registry.add<tosa::ReduceMinOp>(evalReduceMin);
  registry.add<tosa::ReduceSumOp>(evalReduceSum);
}
