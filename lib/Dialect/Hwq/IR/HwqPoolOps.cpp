//===- HwqPoolOps.cpp - average and max pooling -----------------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Dialect/Hwq/IR/HwqOps.h"
#include "hwq/Dialect/Hwq/IR/QuantTypeUtils.h"

#include "OpVerification.h"

using namespace mlir;
using namespace hwq;
using namespace hwq::opverify;

/// The checks avg_pool2d and max_pool2d share: ranks, per-tensor types,
/// N and C agreement, attributes, spatial sizes, padding smaller than the
/// kernel.
static LogicalResult verifyPool(Operation *op, Value input, Value output,
                                ArrayRef<int64_t> kernel,
                                ArrayRef<int64_t> stride, ArrayRef<int64_t> pad,
                                QuantParams &in, QuantParams &out) {
  auto inType = cast<RankedTensorType>(input.getType());
  auto outType = cast<RankedTensorType>(output.getType());
  FailureOr<QuantParams> pin = getParams(op, input, "input");
  FailureOr<QuantParams> pout = getParams(op, output, "result");
  if (failed(pin) || failed(pout))
    return failure();
  in = *pin;
  out = *pout;
  if (failed(verifyRank(op, "input", inType, 4)) ||
      failed(verifyRank(op, "result", outType, 4)) ||
      failed(verifyPerTensor(op, "input", in)) ||
      failed(verifyPerTensor(op, "result", out)) ||
      failed(verifySameExpressedType(op, {&in, &out})))
    return failure();
  if (failed(verifyDimsAgree(op, "input and result batch", inType.getDimSize(0),
                             outType.getDimSize(0))) ||
      failed(verifyDimsAgree(op, "input and result channels",
                             inType.getDimSize(3), outType.getDimSize(3))))
    return failure();
  if (failed(verifyArrayAttr(op, "kernel", kernel, 2, 1)) ||
      failed(verifyArrayAttr(op, "stride", stride, 2, 1)) ||
      failed(verifyArrayAttr(op, "pad", pad, 4, 0)))
    return failure();
  for (int i = 0; i < 4; ++i)
    if (pad[i] >= kernel[i / 2])
      return op->emitOpError()
             << "padding " << pad[i] << " must be smaller than the kernel "
             << (i < 2 ? "height " : "width ") << kernel[i / 2]
             << " (a window must hold an input element)";
  if (failed(verifyWindowOutputSize(op, "height", inType.getDimSize(1), pad[0],
                                    pad[1], kernel[0], stride[0],
                                    outType.getDimSize(1))) ||
      failed(verifyWindowOutputSize(op, "width", inType.getDimSize(2), pad[2],
                                    pad[3], kernel[1], stride[1],
                                    outType.getDimSize(2))))
    return failure();
  return success();
}

LogicalResult AvgPool2DOp::verify() {
  QuantParams in, out;
  if (failed(verifyPool(*this, getInput(), getOutput(), getKernel(),
                        getStride(), getPad(), in, out)))
    return failure();
  // The ratio s_in / float32(count * s_out) decreases monotonically with the
  // count, so the smallest and largest counts bound every other one.
  double maxCount =
      static_cast<double>(getKernel()[0]) * static_cast<double>(getKernel()[1]);
  for (double count : {1.0, maxCount}) {
    double ratio = in.getScale() / roundScaleToF32(count * out.getScale());
    if (!computeMultiplierAndShift(ratio))
      return emitOpError() << "scale ratio " << ratio << " for a window of "
                           << static_cast<int64_t>(count)
                           << " elements is not representable as "
                           << "a Q31 multiplier with a shift in [0, "
                           << kMaxFixedPointShift << "]";
  }
  return success();
}

LogicalResult MaxPool2DOp::verify() {
  auto inType = cast<RankedTensorType>(getInput().getType());
  auto outType = cast<RankedTensorType>(getOutput().getType());
  if (inType.getElementType() != outType.getElementType())
    return emitOpError() << "input and result must have the same element "
                         << "type, got " << inType.getElementType() << " and "
                         << outType.getElementType();
  QuantParams in, out;
  return verifyPool(*this, getInput(), getOutput(), getKernel(), getStride(),
                    getPad(), in, out);
}
