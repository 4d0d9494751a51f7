//===- OnnxImportTest.cpp - ONNX importer on in-memory models ---*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Builds ModelProtos in memory, imports their serialized bytes and inspects
// the TOSA produced, or the diagnostics emitted.
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/Onnx.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include "gtest/gtest.h"

#include <onnx/onnx_pb.h>

#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace mlir;
using namespace hwq;

namespace {

/// A small ModelProto builder.
class ModelBuilder {
public:
  explicit ModelBuilder(int64_t opset = 13, const std::string &name = "g") {
    model.set_ir_version(8);
    onnx::OperatorSetIdProto *set = model.add_opset_import();
    set->set_domain("");
    set->set_version(opset);
    graph = model.mutable_graph();
    graph->set_name(name);
  }

  onnx::ValueInfoProto &input(const std::string &name,
                              std::vector<int64_t> dims) {
    onnx::ValueInfoProto *info = graph->add_input();
    info->set_name(name);
    auto *type = info->mutable_type()->mutable_tensor_type();
    type->set_elem_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims)
      type->mutable_shape()->add_dim()->set_dim_value(d);
    return *info;
  }

  void output(const std::string &name) {
    onnx::ValueInfoProto *info = graph->add_output();
    info->set_name(name);
    info->mutable_type()->mutable_tensor_type()->set_elem_type(
        onnx::TensorProto::FLOAT);
  }

  onnx::TensorProto &floats(const std::string &name, std::vector<int64_t> dims,
                            const std::vector<float> &values) {
    onnx::TensorProto *t = graph->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims)
      t->add_dims(d);
    for (float v : values)
      t->add_float_data(v);
    return *t;
  }

  onnx::TensorProto &int64s(const std::string &name, std::vector<int64_t> dims,
                            const std::vector<int64_t> &values) {
    onnx::TensorProto *t = graph->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    for (int64_t d : dims)
      t->add_dims(d);
    for (int64_t v : values)
      t->add_int64_data(v);
    return *t;
  }

  onnx::NodeProto &node(const std::string &op, std::vector<std::string> inputs,
                        std::vector<std::string> outputs,
                        const std::string &name = "") {
    onnx::NodeProto *n = graph->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (auto &i : inputs)
      n->add_input(i);
    for (auto &o : outputs)
      n->add_output(o);
    return *n;
  }

  static void ints(onnx::NodeProto &n, const std::string &name,
                   std::vector<int64_t> values) {
    onnx::AttributeProto *a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values)
      a->add_ints(v);
  }
  static void integer(onnx::NodeProto &n, const std::string &name,
                      int64_t value) {
    onnx::AttributeProto *a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
  }
  static void string(onnx::NodeProto &n, const std::string &name,
                     const std::string &value) {
    onnx::AttributeProto *a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s(value);
  }

  std::string bytes() const {
    std::string out;
    model.SerializeToString(&out);
    return out;
  }

  onnx::ModelProto model;
  onnx::GraphProto *graph;
};

/// Imports models and collects the diagnostics.
class OnnxImportTest : public ::testing::Test {
protected:
  OnnxImportTest()
      : handler(&context, [this](Diagnostic &diag) {
          messages.push_back(diag.str());
          return success();
        }) {}

  OwningOpRef<ModuleOp> import(const std::string &bytes,
                               const OnnxImportOptions &options = {}) {
    messages.clear();
    return importOnnx(bytes, "model.onnx", &context, options);
  }

  /// Whether one collected diagnostic contains `text`.
  bool hasMessage(const std::string &text) const {
    for (const std::string &m : messages)
      if (m.find(text) != std::string::npos)
        return true;
    return false;
  }

  template <typename OpTy> static SmallVector<OpTy> collect(ModuleOp module) {
    SmallVector<OpTy> ops;
    module.walk([&](OpTy op) { ops.push_back(op); });
    return ops;
  }

  /// The float values of a tosa.const.
  static std::vector<float> constValues(Value value) {
    std::vector<float> result;
    auto op = value.getDefiningOp<tosa::ConstOp>();
    if (!op)
      return result;
    for (float v : cast<DenseElementsAttr>(op.getValues()).getValues<float>())
      result.push_back(v);
    return result;
  }

  MLIRContext context;
  ScopedDiagnosticHandler handler;
  std::vector<std::string> messages;
};

TEST_F(OnnxImportTest, ConvWeightsBecomeOhwiConstants) {
  ModelBuilder b;
  b.input("x", {1, 3, 4, 4});
  std::vector<float> w(2 * 3 * 2 * 2);
  std::iota(w.begin(), w.end(), 0.0f);
  b.floats("w", {2, 3, 2, 2}, w);
  b.node("Conv", {"x", "w"}, {"y"}, "conv");
  b.output("y");
  OwningOpRef<ModuleOp> module = import(b.bytes());
  ASSERT_TRUE(module) << (messages.empty() ? "" : messages.front());

  auto convs = collect<tosa::Conv2DOp>(*module);
  ASSERT_EQ(convs.size(), 1u);
  std::vector<float> ohwi = constValues(convs[0].getWeight());
  ASSERT_EQ(ohwi.size(), w.size());
  for (int o = 0; o < 2; ++o)
    for (int i = 0; i < 3; ++i)
      for (int h = 0; h < 2; ++h)
        for (int x = 0; x < 2; ++x)
          EXPECT_EQ(ohwi[((o * 2 + h) * 2 + x) * 3 + i],
                    w[((o * 3 + i) * 2 + h) * 2 + x]);
  // NHWC inside, the declared NCHW signature outside.
  EXPECT_EQ(cast<ShapedType>(convs[0].getInput().getType()).getShape(),
            ArrayRef<int64_t>({1, 4, 4, 3}));
  auto func = *module->getOps<func::FuncOp>().begin();
  EXPECT_EQ(func.getName(), "g");
  EXPECT_EQ(cast<ShapedType>(func.getFunctionType().getResult(0)).getShape(),
            ArrayRef<int64_t>({1, 2, 3, 3}));
  EXPECT_EQ(collect<tosa::TransposeOp>(*module).size(), 2u);
}

TEST_F(OnnxImportTest, AutoPadAndDepthwiseGroups) {
  ModelBuilder b;
  b.input("x", {1, 2, 5, 5});
  b.floats("w", {4, 1, 3, 3}, std::vector<float>(36, 0.5f));
  onnx::NodeProto &conv = b.node("Conv", {"x", "w"}, {"y"});
  ModelBuilder::integer(conv, "group", 2);
  ModelBuilder::ints(conv, "strides", {2, 2});
  ModelBuilder::string(conv, "auto_pad", "SAME_LOWER");
  b.output("y");
  OwningOpRef<ModuleOp> module = import(b.bytes());
  ASSERT_TRUE(module);
  auto convs = collect<tosa::DepthwiseConv2DOp>(*module);
  ASSERT_EQ(convs.size(), 1u);
  // ceil(5 / 2) = 3 outputs; 2 rows of padding, the odd one first... both
  // are 1 here; TOSA [top, bottom, left, right].
  EXPECT_EQ(convs[0].getPad(), ArrayRef<int64_t>({1, 1, 1, 1}));
  EXPECT_EQ(cast<ShapedType>(convs[0].getWeight().getType()).getShape(),
            ArrayRef<int64_t>({3, 3, 2, 2}));
  EXPECT_EQ(cast<ShapedType>(convs[0].getType()).getShape(),
            ArrayRef<int64_t>({1, 3, 3, 4}));
}

TEST_F(OnnxImportTest, BatchNormFoldsIntoTheConvolution) {
  ModelBuilder b;
  b.input("x", {1, 1, 3, 3});
  b.floats("w", {2, 1, 1, 1}, {1.0f, -2.0f});
  b.floats("b", {2}, {0.5f, 0.25f});
  b.floats("scale", {2}, {3.0f, 1.0f});
  b.floats("bias", {2}, {1.0f, 0.0f});
  b.floats("mean", {2}, {0.5f, 0.0f});
  b.floats("var", {2}, {8.0f, 3.0f});
  b.node("Conv", {"x", "w", "b"}, {"c"});
  onnx::NodeProto &bn = b.node("BatchNormalization",
                               {"c", "scale", "bias", "mean", "var"}, {"y"});
  onnx::AttributeProto *eps = bn.add_attribute();
  eps->set_name("epsilon");
  eps->set_type(onnx::AttributeProto::FLOAT);
  eps->set_f(1.0f);
  b.output("y");
  OwningOpRef<ModuleOp> module = import(b.bytes());
  ASSERT_TRUE(module);
  // a = scale / sqrt(var + 1) = {1, 0.5}; shift = bias - mean * a
  // = {0.5, 0}; w' = {1, -1}; b' = b * a + shift = {1, 0.125}.
  auto convs = collect<tosa::Conv2DOp>(*module);
  ASSERT_EQ(convs.size(), 1u);
  EXPECT_EQ(constValues(convs[0].getWeight()),
            (std::vector<float>{1.0f, -1.0f}));
  EXPECT_EQ(constValues(convs[0].getBias()),
            (std::vector<float>{1.0f, 0.125f}));
  EXPECT_TRUE(collect<tosa::MulOp>(*module).empty());
  EXPECT_TRUE(collect<tosa::AddOp>(*module).empty());
}

TEST_F(OnnxImportTest, ShapeSubgraphsFoldToOneReshape) {
  ModelBuilder b;
  b.input("x", {2, 3, 4});
  b.int64s("zero", {}, {0});
  b.int64s("axes", {1}, {0});
  b.int64s("minus1", {1}, {-1});
  b.node("Shape", {"x"}, {"s"});
  b.node("Gather", {"s", "zero"}, {"n"});
  b.node("Unsqueeze", {"n", "axes"}, {"n1"});
  onnx::NodeProto &concat = b.node("Concat", {"n1", "minus1"}, {"shape"});
  ModelBuilder::integer(concat, "axis", 0);
  b.node("Reshape", {"x", "shape"}, {"y"});
  b.output("y");
  OwningOpRef<ModuleOp> module = import(b.bytes());
  ASSERT_TRUE(module);
  auto func = *module->getOps<func::FuncOp>().begin();
  // Only the reshape, its shape and the return remain.
  EXPECT_EQ(std::distance(func.getOps().begin(), func.getOps().end()), 3);
  auto reshapes = collect<tosa::ReshapeOp>(*module);
  ASSERT_EQ(reshapes.size(), 1u);
  EXPECT_EQ(cast<ShapedType>(reshapes[0].getType()).getShape(),
            ArrayRef<int64_t>({2, 12}));
}

TEST_F(OnnxImportTest, UnsupportedOperatorNamesTheNode) {
  ModelBuilder b;
  b.input("x", {5, 1, 4});
  b.node("LSTM", {"x"}, {"y"}, "lstm_1");
  b.output("y");
  EXPECT_FALSE(import(b.bytes()));
  EXPECT_TRUE(hasMessage("unsupported ONNX operator 'LSTM' (node 'lstm_1')"));

  ModelBuilder grouped;
  grouped.input("x", {1, 4, 3, 3});
  grouped.floats("w", {4, 2, 1, 1}, std::vector<float>(8, 1.0f));
  onnx::NodeProto &conv = grouped.node("Conv", {"x", "w"}, {"y"}, "g2");
  ModelBuilder::integer(conv, "group", 2);
  grouped.output("y");
  EXPECT_FALSE(import(grouped.bytes()));
  EXPECT_TRUE(hasMessage("Conv (node 'g2'): grouped convolution with group 2"));
}

TEST_F(OnnxImportTest, CorruptedBytesAndOpsetsAreDiagnosed) {
  EXPECT_FALSE(import("\x08\x96\x01garbage\xff\xff"));
  EXPECT_TRUE(hasMessage("cannot parse ONNX model 'model.onnx'"));

  ModelBuilder tooNew(18);
  tooNew.input("x", {2});
  tooNew.node("Relu", {"x"}, {"y"});
  tooNew.output("y");
  EXPECT_FALSE(import(tooNew.bytes()));
  EXPECT_TRUE(hasMessage("ONNX opset 18 of model 'model.onnx' is not "
                         "supported (supported: 7 to 17)"));

  ModelBuilder noDefault(13);
  noDefault.model.mutable_opset_import(0)->set_domain("ai.onnx.ml");
  noDefault.input("x", {2});
  noDefault.output("x");
  EXPECT_FALSE(import(noDefault.bytes()));
  EXPECT_TRUE(hasMessage("imports no default-domain (ai.onnx) opset"));
}

TEST_F(OnnxImportTest, DynamicInputsNeedAShape) {
  ModelBuilder b;
  onnx::ValueInfoProto &x = b.input("x", {1, 4});
  x.mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(0)
      ->set_dim_param("batch");
  b.node("Relu", {"x"}, {"y"});
  b.output("y");
  EXPECT_FALSE(import(b.bytes()));
  EXPECT_TRUE(hasMessage("graph input 'x' has dynamic dimension 0 ('batch'); "
                         "give its shape with --input-shape"));

  OnnxImportOptions options;
  options.inputShapes = {{3, 4}};
  options.functionName = "relu";
  OwningOpRef<ModuleOp> module = import(b.bytes(), options);
  ASSERT_TRUE(module);
  auto func = *module->getOps<func::FuncOp>().begin();
  EXPECT_EQ(func.getName(), "relu");
  EXPECT_EQ(cast<ShapedType>(func.getFunctionType().getInput(0)).getShape(),
            ArrayRef<int64_t>({3, 4}));

  options.inputShapes = {{3, 5}};
  EXPECT_FALSE(import(b.bytes(), options));
  EXPECT_TRUE(hasMessage("dimension 1 of graph input 'x' as 5 but the model "
                         "declares 4"));
}

TEST_F(OnnxImportTest, RawAndQuantizedInitializers) {
  ModelBuilder b;
  b.input("x", {2});
  // Raw little-endian int8 weights dequantized per tensor.
  onnx::TensorProto *q = b.graph->add_initializer();
  q->set_name("q");
  q->set_data_type(onnx::TensorProto::INT8);
  q->add_dims(2);
  q->set_raw_data(std::string("\x0a\xf6", 2)); // {10, -10}
  b.floats("scale", {}, {0.25f});
  onnx::TensorProto *zp = b.graph->add_initializer();
  zp->set_name("zp");
  zp->set_data_type(onnx::TensorProto::INT8);
  zp->add_int32_data(2);
  b.node("DequantizeLinear", {"q", "scale", "zp"}, {"w"});
  b.node("Mul", {"x", "w"}, {"y"});
  b.output("y");
  OwningOpRef<ModuleOp> module = import(b.bytes());
  ASSERT_TRUE(module);
  auto muls = collect<tosa::MulOp>(*module);
  ASSERT_EQ(muls.size(), 1u);
  EXPECT_EQ(constValues(muls[0].getInput2()),
            (std::vector<float>{2.0f, -3.0f}));

  // Data outside the file is reported, as is a size mismatch.
  ModelBuilder external;
  external.input("x", {2});
  onnx::TensorProto &w = external.floats("w", {2}, {});
  w.set_data_location(onnx::TensorProto::EXTERNAL);
  external.node("Add", {"x", "w"}, {"y"});
  external.output("y");
  EXPECT_FALSE(import(external.bytes()));
  EXPECT_TRUE(hasMessage("external tensor data is not supported"));

  ModelBuilder mismatch;
  mismatch.input("x", {2});
  mismatch.floats("w", {3}, {1.0f, 2.0f});
  mismatch.node("Add", {"x", "w"}, {"y"});
  mismatch.output("y");
  EXPECT_FALSE(import(mismatch.bytes()));
  EXPECT_TRUE(hasMessage("initializer 'w': holds 2 floats for 3 elements"));
}

TEST_F(OnnxImportTest, MutatedModelsNeverCrash) {
  // A small CNN, then many random byte mutations of its serialization: each
  // import either fails with a diagnostic or yields a module that verifies.
  ModelBuilder b;
  b.input("x", {1, 2, 6, 6});
  b.floats("w", {4, 2, 3, 3}, std::vector<float>(72, 0.1f));
  b.floats("dw", {4, 1, 3, 3}, std::vector<float>(36, 0.2f));
  b.int64s("shape", {2}, {1, -1});
  onnx::NodeProto &conv = b.node("Conv", {"x", "w"}, {"c"});
  ModelBuilder::ints(conv, "pads", {1, 1, 1, 1});
  ModelBuilder::ints(conv, "strides", {2, 2});
  onnx::NodeProto &dw = b.node("Conv", {"c", "dw"}, {"d"});
  ModelBuilder::integer(dw, "group", 4);
  ModelBuilder::ints(dw, "pads", {1, 1, 1, 1});
  b.node("Relu", {"d"}, {"r"});
  onnx::NodeProto &pool = b.node("MaxPool", {"r"}, {"p"});
  ModelBuilder::ints(pool, "kernel_shape", {2, 2});
  b.node("Reshape", {"p", "shape"}, {"f"});
  b.node("Softmax", {"f"}, {"y"});
  b.output("y");
  std::string bytes = b.bytes();
  ASSERT_TRUE(import(bytes)) << (messages.empty() ? "" : messages.front());

  std::mt19937 rng(7);
  int imported = 0;
  for (int i = 0; i < 300; ++i) {
    std::string mutated = bytes;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f)
      mutated[rng() % mutated.size()] = static_cast<char>(rng() & 0xff);
    OwningOpRef<ModuleOp> module = import(mutated);
    if (module) {
      ++imported;
      EXPECT_TRUE(succeeded(verify(*module)));
    } else {
      EXPECT_FALSE(messages.empty()) << "failure without a diagnostic";
    }
  }
  // Some mutations only touch weight values and still import.
  EXPECT_GT(imported, 0);
}

} // namespace
