//===- hwq-make-onnx.cpp - ONNX text to binary model for tests --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Builds the .onnx models of the importer tests from ONNX's textual syntax
// (onnx/defs/parser.h), so that no binary model is committed:
//
//   hwq-make-onnx model.onnxtxt [-o model.onnx] [--fill=w,b]
//                 [--name-nodes=conv_1,relu_1]
//
// `#` starts a comment in that syntax, so a lit test file can hold its RUN
// and CHECK lines and the model together. `--fill` turns the named graph
// inputs into initializers of the declared shape holding deterministic
// pseudo-random values in [-1, 1], for weights too large to spell out.
// `--name-nodes` names the first nodes in graph order (the textual syntax
// has no node names).
// Writes the binary ModelProto to -o (default: stdout).
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <onnx/defs/parser.h>
#include <onnx/onnx_pb.h>

#include <string>

static llvm::cl::opt<std::string> inputFile(llvm::cl::Positional,
                                            llvm::cl::desc("<model.onnxtxt>"),
                                            llvm::cl::init("-"));
static llvm::cl::opt<std::string> outputFile("o",
                                             llvm::cl::desc("Output .onnx"),
                                             llvm::cl::value_desc("file"),
                                             llvm::cl::init("-"));
static llvm::cl::list<std::string>
    nodeNames("name-nodes",
              llvm::cl::desc("Names for the first nodes, in graph order"),
              llvm::cl::CommaSeparated);
static llvm::cl::list<std::string>
    fill("fill",
         llvm::cl::desc("Graph inputs to turn into pseudo-random "
                        "initializers"),
         llvm::cl::CommaSeparated);

/// Deterministic values in [-1, 1] (a fixed linear congruential sequence per
/// tensor, seeded by its name).
static void fillTensor(onnx::TensorProto &tensor) {
  uint64_t state = 0x9E3779B97F4A7C15ull;
  for (char c : tensor.name())
    state = state * 1099511628211ull + static_cast<unsigned char>(c);
  int64_t count = 1;
  for (int64_t d : tensor.dims())
    count *= d;
  for (int64_t i = 0; i < count; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    int64_t bucket = static_cast<int64_t>((state >> 33) % 2001);
    tensor.add_float_data(static_cast<float>(bucket - 1000) / 1000.0f);
  }
}

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "hwq-make-onnx") << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::cl::ParseCommandLineOptions(argc, argv,
                                    "ONNX textual syntax to binary model\n");
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!buffer)
    return fail("cannot read '" + inputFile +
                "': " + buffer.getError().message());
  std::string text = (*buffer)->getBuffer().str();

  onnx::ModelProto model;
  onnx::Status status = onnx::OnnxParser::Parse(model, text.c_str());
  if (!status.IsOK())
    return fail("cannot parse '" + inputFile + "': " + status.ErrorMessage());

  onnx::GraphProto *graph = model.mutable_graph();
  for (const std::string &name : fill) {
    auto *inputs = graph->mutable_input();
    auto it = llvm::find_if(*inputs, [&](const onnx::ValueInfoProto &input) {
      return input.name() == name;
    });
    if (it == inputs->end())
      return fail("--fill: no graph input '" + name + "'");
    onnx::TensorProto *tensor = graph->add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto::FLOAT);
    for (const auto &dim : it->type().tensor_type().shape().dim())
      tensor->add_dims(dim.dim_value());
    fillTensor(*tensor);
    inputs->erase(it);
  }

  if (static_cast<int>(nodeNames.size()) > graph->node_size())
    return fail("--name-nodes: more names than nodes");
  for (size_t i = 0; i < nodeNames.size(); ++i)
    graph->mutable_node(static_cast<int>(i))->set_name(nodeNames[i]);

  std::string bytes;
  if (!model.SerializeToString(&bytes))
    return fail("cannot serialize the model");
  std::error_code error;
  llvm::ToolOutputFile output(outputFile, error, llvm::sys::fs::OF_None);
  if (error)
    return fail("cannot write '" + outputFile + "': " + error.message());
  output.os() << bytes;
  output.keep();
  return 0;
}
