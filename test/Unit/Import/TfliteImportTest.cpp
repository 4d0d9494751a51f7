//===- TfliteImportTest.cpp - TFLite importer, in-memory models -*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Builds TFLite flatbuffers in memory with the builder generated from the
// project's schema subset, imports them and inspects the TOSA produced or the
// diagnostics; then truncates and mutates a model's bytes to check that the
// importer fails cleanly (the flatbuffers verifier runs first).
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/ModelImport.h"
#include "hwq/Import/Tflite.h"

#include "TfliteSchema_generated.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include "gtest/gtest.h"

#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace mlir;
using namespace hwq;
namespace fb = hwq::tflite_fb;

namespace {

/// Bytes of `values` (little-endian host).
template <typename T> std::vector<uint8_t> bytesOf(const std::vector<T> &v) {
  std::vector<uint8_t> out(v.size() * sizeof(T));
  if (!v.empty())
    std::memcpy(out.data(), v.data(), out.size());
  return out;
}

/// A small TFLite model builder on the generated API.
class ModelBuilder {
public:
  /// Adds a tensor; `data` non-empty gives it a buffer. Returns its index.
  int32_t tensor(const std::string &name, fb::TensorType type,
                 std::vector<int32_t> shape, std::vector<uint8_t> data = {},
                 std::vector<float> scales = {},
                 std::vector<int64_t> zeroPoints = {}, int32_t axis = 0) {
    uint32_t buffer = 0;
    if (!data.empty()) {
      b.ForceVectorAlignment(data.size(), 1, 16);
      buffer = static_cast<uint32_t>(buffers.size());
      buffers.push_back(fb::CreateBuffer(b, b.CreateVector(data)));
    }
    flatbuffers::Offset<fb::QuantizationParameters> q = 0;
    if (!scales.empty())
      q = fb::CreateQuantizationParameters(
          b, 0, 0, b.CreateVector(scales), b.CreateVector(zeroPoints),
          fb::QuantizationDetails::NONE, 0, axis);
    tensors.push_back(fb::CreateTensor(b, b.CreateVector(shape), type, buffer,
                                       b.CreateString(name), q));
    return static_cast<int32_t>(tensors.size() - 1);
  }

  /// Adds an operator with builtin `code` and options.
  void op(int32_t code, std::vector<int32_t> inputs,
          std::vector<int32_t> outputs,
          fb::BuiltinOptions type = fb::BuiltinOptions::NONE,
          flatbuffers::Offset<void> options = 0) {
    uint32_t index = static_cast<uint32_t>(codes.size());
    codes.push_back(fb::CreateOperatorCode(
        b, static_cast<int8_t>(code < 127 ? code : 127), 0, 1, code));
    ops.push_back(fb::CreateOperator(b, index, b.CreateVector(inputs),
                                     b.CreateVector(outputs), type, options));
  }

  std::string finish(std::vector<int32_t> inputs,
                     std::vector<int32_t> outputs) {
    auto subgraph = fb::CreateSubGraph(
        b, b.CreateVector(tensors), b.CreateVector(inputs),
        b.CreateVector(outputs), b.CreateVector(ops), b.CreateString("net"));
    auto model = fb::CreateModel(
        b, 3, b.CreateVector(codes),
        b.CreateVector(
            std::vector<flatbuffers::Offset<fb::SubGraph>>{subgraph}),
        0, b.CreateVector(buffers));
    fb::FinishModelBuffer(b, model);
    return std::string(reinterpret_cast<const char *>(b.GetBufferPointer()),
                       b.GetSize());
  }

  flatbuffers::FlatBufferBuilder b;
  std::vector<flatbuffers::Offset<fb::Buffer>> buffers = {};
  std::vector<flatbuffers::Offset<fb::Tensor>> tensors;
  std::vector<flatbuffers::Offset<fb::OperatorCode>> codes;
  std::vector<flatbuffers::Offset<fb::Operator>> ops;

  ModelBuilder() { buffers.push_back(fb::CreateBuffer(b)); }
};

/// A conv (int8 per-channel filter) + relu6 + fully connected + softmax.
std::string smallModel() {
  ModelBuilder m;
  int32_t x = m.tensor("x", fb::TensorType::FLOAT32, {1, 4, 4, 2});
  std::vector<int8_t> w(2 * 3 * 3 * 2);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = static_cast<int8_t>(static_cast<int>(i) * 7 % 255 - 127);
  int32_t wt = m.tensor("w", fb::TensorType::INT8, {2, 3, 3, 2}, bytesOf(w),
                        {0.01f, 0.02f}, {0, 0}, 0);
  int32_t bias = m.tensor("b", fb::TensorType::FLOAT32, {2},
                          bytesOf(std::vector<float>{0.5f, -0.5f}));
  int32_t c = m.tensor("c", fb::TensorType::FLOAT32, {1, 4, 4, 2});
  int32_t fw = m.tensor("fw", fb::TensorType::FLOAT32, {3, 32},
                        bytesOf(std::vector<float>(96, 0.25f)));
  int32_t f = m.tensor("f", fb::TensorType::FLOAT32, {1, 3});
  int32_t y = m.tensor("y", fb::TensorType::FLOAT32, {1, 3});
  m.op(3, {x, wt, bias}, {c}, fb::BuiltinOptions::Conv2DOptions,
       fb::CreateConv2DOptions(m.b, fb::Padding::SAME, 1, 1,
                               fb::ActivationFunctionType::RELU6)
           .Union());
  m.op(9, {c, fw, -1}, {f}, fb::BuiltinOptions::FullyConnectedOptions,
       fb::CreateFullyConnectedOptions(m.b).Union());
  m.op(25, {f}, {y}, fb::BuiltinOptions::SoftmaxOptions,
       fb::CreateSoftmaxOptions(m.b, 1.0f).Union());
  return m.finish({x}, {y});
}

/// Imports models and collects the diagnostics.
class TfliteImportTest : public ::testing::Test {
protected:
  TfliteImportTest()
      : handler(&context, [this](Diagnostic &diag) {
          messages.push_back(diag.str());
          return success();
        }) {}

  OwningOpRef<ModuleOp> import(const std::string &bytes) {
    messages.clear();
    return importTflite(bytes, "model.tflite", &context);
  }

  MLIRContext context;
  ScopedDiagnosticHandler handler;
  std::vector<std::string> messages;
};

TEST(TfliteBuiltinNames, KnownCodes) {
  EXPECT_EQ(getTfliteBuiltinName(0), "ADD");
  EXPECT_EQ(getTfliteBuiltinName(3), "CONV_2D");
  EXPECT_EQ(getTfliteBuiltinName(4), "DEPTHWISE_CONV_2D");
  EXPECT_EQ(getTfliteBuiltinName(40), "MEAN");
  EXPECT_EQ(getTfliteBuiltinName(114), "QUANTIZE");
  EXPECT_EQ(getTfliteBuiltinName(126), "BATCH_MATMUL");
  EXPECT_EQ(getTfliteBuiltinName(127), "");
  EXPECT_EQ(getTfliteBuiltinName(-1), "");
}

TEST(ModelImport, DispatchesByExtension) {
  EXPECT_TRUE(isImportableModelFile("a/b/model.tflite"));
  EXPECT_TRUE(isImportableModelFile("model.ONNX"));
  EXPECT_FALSE(isImportableModelFile("model.mlir"));
  EXPECT_FALSE(isImportableModelFile("tflite"));
  MLIRContext context;
  std::vector<std::string> messages;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    messages.push_back(diag.str());
    return success();
  });
  EXPECT_FALSE(importModelFile("model.pb", &context));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("unknown model file extension"),
            std::string::npos);
}

TEST_F(TfliteImportTest, SmallModelImportsWithDequantizedFilter) {
  OwningOpRef<ModuleOp> module = import(smallModel());
  ASSERT_TRUE(module) << (messages.empty() ? "" : messages.front());
  auto func = module->lookupSymbol<func::FuncOp>("net");
  ASSERT_TRUE(func);
  EXPECT_EQ(func.getFunctionType().getInput(0),
            RankedTensorType::get({1, 4, 4, 2}, Float32Type::get(&context)));
  SmallVector<tosa::Conv2DOp> convs;
  module->walk([&](tosa::Conv2DOp op) { convs.push_back(op); });
  ASSERT_EQ(convs.size(), 1u);
  auto weight = cast<DenseElementsAttr>(
      convs[0].getWeight().getDefiningOp<tosa::ConstOp>().getValues());
  std::vector<float> values(weight.getValues<float>().begin(),
                            weight.getValues<float>().end());
  ASSERT_EQ(values.size(), 36u);
  // Channel 0 (first 18 values) has scale 0.01, channel 1 scale 0.02.
  for (size_t i = 0; i < values.size(); ++i) {
    float q = static_cast<float>(
        static_cast<int8_t>(static_cast<int>(i) * 7 % 255 - 127));
    EXPECT_FLOAT_EQ(values[i], (i < 18 ? 0.01f : 0.02f) * q) << i;
  }
}

TEST_F(TfliteImportTest, UnalignedBytesImport) {
  std::string bytes = smallModel();
  // The same bytes one past a 16-byte boundary.
  std::vector<char> storage(bytes.size() + 32);
  size_t shift = 16 - reinterpret_cast<uintptr_t>(storage.data()) % 16 + 1;
  std::memcpy(storage.data() + shift, bytes.data(), bytes.size());
  messages.clear();
  OwningOpRef<ModuleOp> module = importTflite(
      StringRef(storage.data() + shift, bytes.size()), "m", &context);
  EXPECT_TRUE(module) << (messages.empty() ? "" : messages.front());
}

TEST_F(TfliteImportTest, EveryTruncationFailsWithOneDiagnostic) {
  std::string bytes = smallModel();
  for (size_t n = 0; n < bytes.size(); n += 7) {
    OwningOpRef<ModuleOp> module = import(bytes.substr(0, n));
    EXPECT_FALSE(module) << n;
    EXPECT_EQ(messages.size(), 1u) << n;
  }
}

TEST_F(TfliteImportTest, MutatedModelsNeverCrash) {
  // Random byte mutations: each import fails with a diagnostic or yields a
  // module that verifies (mutations of weight data still import).
  std::string bytes = smallModel();
  ASSERT_TRUE(import(bytes));
  std::mt19937 rng(11);
  int imported = 0, failed = 0;
  for (int i = 0; i < 500; ++i) {
    std::string mutated = bytes;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f)
      mutated[rng() % mutated.size()] = static_cast<char>(rng() & 0xff);
    OwningOpRef<ModuleOp> module = import(mutated);
    if (module) {
      ++imported;
      EXPECT_TRUE(succeeded(verify(*module)));
    } else {
      ++failed;
      EXPECT_FALSE(messages.empty()) << "failure without a diagnostic";
    }
  }
  EXPECT_GT(imported, 0);
  EXPECT_GT(failed, 0);
}

} // namespace
