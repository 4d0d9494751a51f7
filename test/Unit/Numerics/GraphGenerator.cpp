//===- GraphGenerator.cpp - random float TOSA graphs for tests ------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "GraphGenerator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdio>
#include <cstring>

using namespace hwq::test;
using llvm::ArrayRef;
using llvm::SmallVector;

std::string hwq::test::getTensorTypeString(ArrayRef<int64_t> shape) {
  std::string text = "tensor<";
  for (int64_t d : shape)
    text += std::to_string(d) + "x";
  return text + "f32>";
}

/// A float literal MLIR parses back exactly.
static std::string formatFloat(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.9e", value);
  return buffer;
}

static int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string TosaGraphBuilder::fresh() {
  return "%v" + std::to_string(counter++);
}

std::string TosaGraphBuilder::constant(ArrayRef<int64_t> shape,
                                       ArrayRef<float> values) {
  // Hex form: any shape, exact f32 bits (little endian).
  std::string hex = "0x";
  for (float v : values) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof(bits));
    for (int byte = 0; byte < 4; ++byte)
      hex += llvm::toHex(static_cast<uint8_t>((bits >> (8 * byte)) & 0xff));
  }
  std::string name = fresh();
  std::string type = getTensorTypeString(shape);
  body += "  " + name + " = \"tosa.const\"() {values = dense<\"" + hex +
          "\"> : " + type + "} : () -> " + type + "\n";
  return name;
}

std::string TosaGraphBuilder::randomConstant(ArrayRef<int64_t> shape, double lo,
                                             double hi) {
  std::uniform_real_distribution<double> dist(lo, hi);
  SmallVector<float> values;
  for (int64_t i = 0, e = numElements(shape); i < e; ++i)
    values.push_back(static_cast<float>(dist(rng)));
  return constant(shape, values);
}

std::string TosaGraphBuilder::zeroPoint() {
  if (zeroPointName.empty())
    zeroPointName = constant({1}, {0.0f});
  return zeroPointName;
}

std::string TosaGraphBuilder::mulShift() {
  if (mulShiftName.empty()) {
    mulShiftName = fresh();
    body += "  " + mulShiftName +
            " = \"tosa.const\"() {values = dense<0> : tensor<1xi8>} : () -> "
            "tensor<1xi8>\n";
  }
  return mulShiftName;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::input(ArrayRef<int64_t> shape) {
  Tensor t{"%arg" + std::to_string(args.size()),
           SmallVector<int64_t, 4>(shape)};
  if (!arguments.empty())
    arguments += ", ";
  arguments += t.name + ": " + getTensorTypeString(shape);
  args.push_back(t);
  return t;
}

static std::string i64Array(ArrayRef<int64_t> values) {
  std::string text = "array<i64: ";
  for (auto [i, v] : llvm::enumerate(values))
    text += (i ? ", " : "") + std::to_string(v);
  return text + ">";
}

TosaGraphBuilder::Tensor
TosaGraphBuilder::conv2d(const Tensor &x, int64_t outChannels, int64_t kernel,
                         int64_t stride, int64_t pad, int64_t dilation) {
  int64_t c = x.shape[3];
  double bound = 1.5 / std::sqrt(static_cast<double>(kernel * kernel * c));
  std::string w =
      randomConstant({outChannels, kernel, kernel, c}, -bound, bound);
  std::string b = randomConstant({outChannels}, -0.3, 0.3);
  std::string zp = zeroPoint();
  int64_t extent = (kernel - 1) * dilation + 1;
  int64_t oh = (x.shape[1] + 2 * pad - extent) / stride + 1;
  int64_t ow = (x.shape[2] + 2 * pad - extent) / stride + 1;
  Tensor out{fresh(), {x.shape[0], oh, ow, outChannels}};
  body += "  " + out.name + " = tosa.conv2d " + x.name + ", " + w + ", " + b +
          ", " + zp + ", " + zp +
          " {acc_type = f32, dilation = " + i64Array({dilation, dilation}) +
          ", pad = " + i64Array({pad, pad, pad, pad}) +
          ", stride = " + i64Array({stride, stride}) + "} : (" +
          getTensorTypeString(x.shape) + ", " +
          getTensorTypeString({outChannels, kernel, kernel, c}) + ", " +
          getTensorTypeString({outChannels}) +
          ", tensor<1xf32>, tensor<1xf32>) -> " +
          getTensorTypeString(out.shape) + "\n";
  return out;
}

TosaGraphBuilder::Tensor
TosaGraphBuilder::depthwise(const Tensor &x, int64_t kernel, int64_t multiplier,
                            int64_t stride, int64_t pad) {
  int64_t c = x.shape[3];
  double bound = 1.5 / static_cast<double>(kernel);
  std::string w =
      randomConstant({kernel, kernel, c, multiplier}, -bound, bound);
  std::string b = randomConstant({c * multiplier}, -0.3, 0.3);
  std::string zp = zeroPoint();
  int64_t oh = (x.shape[1] + 2 * pad - kernel) / stride + 1;
  int64_t ow = (x.shape[2] + 2 * pad - kernel) / stride + 1;
  Tensor out{fresh(), {x.shape[0], oh, ow, c * multiplier}};
  body += "  " + out.name + " = tosa.depthwise_conv2d " + x.name + ", " + w +
          ", " + b + ", " + zp + ", " + zp +
          " {acc_type = f32, dilation = array<i64: 1, 1>, pad = " +
          i64Array({pad, pad, pad, pad}) +
          ", stride = " + i64Array({stride, stride}) + "} : (" +
          getTensorTypeString(x.shape) + ", " +
          getTensorTypeString({kernel, kernel, c, multiplier}) + ", " +
          getTensorTypeString({c * multiplier}) +
          ", tensor<1xf32>, tensor<1xf32>) -> " +
          getTensorTypeString(out.shape) + "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::fullyConnected(const Tensor &x,
                                                          int64_t n) {
  int64_t k = x.shape[2];
  double bound = 1.5 / std::sqrt(static_cast<double>(k));
  std::string b = randomConstant({1, k, n}, -bound, bound);
  std::string zp = zeroPoint();
  Tensor out{fresh(), {1, x.shape[1], n}};
  body += "  " + out.name + " = tosa.matmul " + x.name + ", " + b + ", " + zp +
          ", " + zp + " : (" + getTensorTypeString(x.shape) + ", " +
          getTensorTypeString({1, k, n}) +
          ", tensor<1xf32>, tensor<1xf32>) -> " +
          getTensorTypeString(out.shape) + "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::clamp(const Tensor &x, double lo,
                                                 double hi) {
  Tensor out{fresh(), x.shape};
  std::string type = getTensorTypeString(x.shape);
  body += "  " + out.name + " = tosa.clamp " + x.name +
          " {min_val = " + formatFloat(lo) +
          " : f32, max_val = " + formatFloat(hi) + " : f32} : (" + type +
          ") -> " + type + "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::maxPool(const Tensor &x,
                                                   int64_t kernel,
                                                   int64_t stride,
                                                   int64_t pad) {
  int64_t oh = (x.shape[1] + 2 * pad - kernel) / stride + 1;
  int64_t ow = (x.shape[2] + 2 * pad - kernel) / stride + 1;
  Tensor out{fresh(), {x.shape[0], oh, ow, x.shape[3]}};
  body += "  " + out.name + " = tosa.max_pool2d " + x.name +
          " {kernel = " + i64Array({kernel, kernel}) +
          ", pad = " + i64Array({pad, pad, pad, pad}) +
          ", stride = " + i64Array({stride, stride}) + "} : (" +
          getTensorTypeString(x.shape) + ") -> " +
          getTensorTypeString(out.shape) + "\n";
  return out;
}

TosaGraphBuilder::Tensor
TosaGraphBuilder::avgPool(const Tensor &x, int64_t kernel, int64_t stride) {
  std::string zp = zeroPoint();
  int64_t oh = (x.shape[1] - kernel) / stride + 1;
  int64_t ow = (x.shape[2] - kernel) / stride + 1;
  Tensor out{fresh(), {x.shape[0], oh, ow, x.shape[3]}};
  body +=
      "  " + out.name + " = tosa.avg_pool2d " + x.name + ", " + zp + ", " + zp +
      " {acc_type = f32, kernel = " + i64Array({kernel, kernel}) +
      ", pad = array<i64: 0, 0, 0, 0>, stride = " + i64Array({stride, stride}) +
      "} : (" + getTensorTypeString(x.shape) +
      ", tensor<1xf32>, tensor<1xf32>) -> " + getTensorTypeString(out.shape) +
      "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::add(const Tensor &a,
                                               const Tensor &b) {
  Tensor out{fresh(), a.shape};
  std::string type = getTensorTypeString(a.shape);
  body += "  " + out.name + " = tosa.add " + a.name + ", " + b.name + " : (" +
          type + ", " + type + ") -> " + type + "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::mul(const Tensor &a,
                                               const Tensor &b) {
  std::string shift = mulShift();
  Tensor out{fresh(), a.shape};
  std::string type = getTensorTypeString(a.shape);
  body += "  " + out.name + " = tosa.mul " + a.name + ", " + b.name + ", " +
          shift + " : (" + type + ", " + type + ", tensor<1xi8>) -> " + type +
          "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::concat(ArrayRef<Tensor> inputs,
                                                  int64_t axis) {
  Tensor out{fresh(), inputs.front().shape};
  out.shape[axis] = 0;
  std::string names, types;
  for (auto [i, t] : llvm::enumerate(inputs)) {
    out.shape[axis] += t.shape[axis];
    names += (i ? ", " : "") + t.name;
    types += (i ? ", " : "") + getTensorTypeString(t.shape);
  }
  body += "  " + out.name + " = tosa.concat " + names +
          " {axis = " + std::to_string(axis) + " : i32} : (" + types + ") -> " +
          getTensorTypeString(out.shape) + "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::reshape(const Tensor &x,
                                                   ArrayRef<int64_t> shape) {
  std::string shapeName = fresh();
  std::string values;
  for (auto [i, d] : llvm::enumerate(shape))
    values += (i ? ", " : "") + std::to_string(d);
  std::string rank = std::to_string(shape.size());
  body += "  " + shapeName + " = tosa.const_shape {values = dense<[" + values +
          "]> : tensor<" + rank + "xindex>} : () -> !tosa.shape<" + rank +
          ">\n";
  Tensor out{fresh(), SmallVector<int64_t, 4>(shape)};
  body += "  " + out.name + " = tosa.reshape " + x.name + ", " + shapeName +
          " : (" + getTensorTypeString(x.shape) + ", !tosa.shape<" + rank +
          ">) -> " + getTensorTypeString(shape) + "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::transpose(const Tensor &x,
                                                     ArrayRef<int32_t> perms) {
  Tensor out{fresh(), {}};
  std::string permText;
  for (auto [i, p] : llvm::enumerate(perms)) {
    out.shape.push_back(x.shape[p]);
    permText += (i ? ", " : "") + std::to_string(p);
  }
  body += "  " + out.name + " = tosa.transpose " + x.name +
          " {perms = array<i32: " + permText + ">} : (" +
          getTensorTypeString(x.shape) + ") -> " +
          getTensorTypeString(out.shape) + "\n";
  return out;
}

TosaGraphBuilder::Tensor TosaGraphBuilder::pad(const Tensor &x, int64_t pad,
                                               double value) {
  std::string padding = fresh();
  body += "  " + padding + " = tosa.const_shape {values = dense<[0, 0, " +
          std::to_string(pad) + ", " + std::to_string(pad) + ", " +
          std::to_string(pad) + ", " + std::to_string(pad) +
          ", 0, 0]> : tensor<8xindex>} : () -> !tosa.shape<8>\n";
  std::string padConst = constant({1}, {static_cast<float>(value)});
  Tensor out{
      fresh(),
      {x.shape[0], x.shape[1] + 2 * pad, x.shape[2] + 2 * pad, x.shape[3]}};
  body += "  " + out.name + " = tosa.pad " + x.name + ", " + padding + ", " +
          padConst + " : (" + getTensorTypeString(x.shape) +
          ", !tosa.shape<8>, tensor<1xf32>) -> " +
          getTensorTypeString(out.shape) + "\n";
  return out;
}

std::string TosaGraphBuilder::finish(ArrayRef<Tensor> results) {
  std::string names, types;
  for (auto [i, t] : llvm::enumerate(results)) {
    names += (i ? ", " : "") + t.name;
    types += (i ? ", " : "") + getTensorTypeString(t.shape);
  }
  return "func.func @main(" + arguments + ") -> (" + types + ") {\n" + body +
         "  return " + names + " : " + types + "\n}\n";
}

unsigned hwq::test::getNumGraphRecipes() { return 10; }

std::string hwq::test::generateGraph(unsigned index, uint64_t seed) {
  TosaGraphBuilder g(seed * 1000003 + index);
  using T = TosaGraphBuilder::Tensor;
  SmallVector<T> results;
  switch (index % getNumGraphRecipes()) {
  case 0: { // conv3x3 + relu + max pool + conv1x1
    T x = g.input({1, 8, 8, 3});
    T c = g.clamp(g.conv2d(x, 4, 3, 1, 1), 0.0, 3.4e38);
    T p = g.maxPool(c, 2, 2);
    results.push_back(g.conv2d(p, 3, 1));
    break;
  }
  case 1: { // depthwise + relu6 + conv1x1 + average pool
    T x = g.input({1, 8, 8, 3});
    T d = g.clamp(g.depthwise(x, 3, 1, 1, 1), 0.0, 6.0);
    T c = g.conv2d(d, 4, 1);
    results.push_back(g.avgPool(c, 2, 2));
    break;
  }
  case 2: { // two branches added, relu
    T x = g.input({1, 6, 6, 2});
    T a = g.conv2d(x, 4, 1);
    T b = g.conv2d(a, 4, 3, 1, 1);
    T c = g.conv2d(a, 4, 1);
    results.push_back(g.clamp(g.add(b, c), 0.0, 3.4e38));
    break;
  }
  case 3: { // concat of two branches, conv, max pool with padding
    T x = g.input({1, 6, 6, 3});
    T a = g.conv2d(x, 3, 3, 1, 1);
    T b = g.conv2d(x, 2, 1);
    T c = g.concat({a, b}, 3);
    results.push_back(g.maxPool(g.conv2d(c, 4, 1), 3, 1, 1));
    break;
  }
  case 4: { // strided conv, reshape, two fully connected layers
    T x = g.input({1, 9, 9, 2});
    T c = g.conv2d(x, 4, 3, 2, 0);
    T r = g.reshape(c, {1, 4, 16});
    T f = g.clamp(g.fullyConnected(r, 8), 0.0, 6.0);
    results.push_back(g.fullyConnected(f, 5));
    break;
  }
  case 5: { // mul of two branches, global average pool, fully connected
    T x = g.input({1, 6, 6, 3});
    T a = g.conv2d(x, 4, 1);
    T b = g.clamp(g.conv2d(x, 4, 3, 1, 1), -1.0, 2.5);
    T m = g.mul(a, b);
    T p = g.avgPool(m, 6, 6);
    results.push_back(g.fullyConnected(g.reshape(p, {1, 1, 4}), 3));
    break;
  }
  case 6: { // pad, conv, depthwise with multiplier 2, odd clamp, max pool
    T x = g.input({1, 6, 6, 2});
    T p = g.pad(x, 1, 0.0);
    T c = g.conv2d(p, 3, 3);
    T d = g.clamp(g.depthwise(c, 3, 2, 1, 1), -1.0, 1.5);
    results.push_back(g.maxPool(d, 3, 1, 1));
    break;
  }
  case 7: { // residual block, transpose
    T x = g.input({1, 6, 6, 3});
    T a = g.clamp(g.conv2d(x, 4, 1), 0.0, 6.0);
    T b = g.conv2d(a, 4, 3, 1, 1);
    T s = g.add(a, b);
    results.push_back(g.transpose(g.conv2d(s, 2, 1), {0, 3, 1, 2}));
    break;
  }
  case 8: { // two outputs, dilated conv, average pool
    T x = g.input({1, 8, 8, 2});
    T a = g.conv2d(x, 3, 3, 1, 2, 2);
    results.push_back(a);
    T b = g.clamp(g.conv2d(a, 4, 1), 0.0, 6.0);
    results.push_back(g.avgPool(b, 2, 2));
    break;
  }
  default: { // two inputs: concat on channels, depthwise, add
    T x = g.input({1, 6, 6, 2});
    T y = g.input({1, 6, 6, 2});
    T c = g.concat({g.conv2d(x, 2, 1), g.conv2d(y, 2, 3, 1, 1)}, 3);
    T d = g.depthwise(c, 3, 1, 1, 1);
    results.push_back(g.add(d, g.conv2d(c, 4, 1)));
    break;
  }
  }
  return "module {\n" + g.finish(results) + "}\n";
}
