//===- hwq-make-tflite.cpp - TFLite models from text for tests --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Builds the .tflite models of the importer tests from a small line-based
// text form, with the flatbuffers builder on the project's schema subset
// (lib/Import/TfliteSchema.fbs), so that no binary model is committed:
//
//   hwq-make-tflite model.tflitetxt [-o model.tflite] [--model=NAME]
//                   [--truncate=N] [--schema-version=N]
//
// Lines (`#` starts a comment, so lit RUN/CHECK lines can share the file):
//
//   model NAME         starts a model; --model picks one (default: the first)
//   tensor NAME TYPE SHAPE [data=V,V,...] [fill] [scale=S,...] [zp=Z,...]
//          [qdim=D]    TYPE: f32 f16 i8 u8 i16 i32 i64; SHAPE: 1x4x4x2
//                      (`scalar` for rank 0); data/fill give the tensor a
//                      buffer (fill: deterministic pseudo-random values, in
//                      [-1, 1] for floats, over the type's range for 8-bit
//                      integers); scale/zp/qdim: quantization
//   op NAME IN,IN,... -> OUT,... [KEY=VALUE...]
//                      NAME: a builtin (CONV_2D), a code number, or
//                      CUSTOM:name; `-` is an omitted optional input. Keys:
//                      padding=SAME|VALID stride=HxW dilation=HxW filter=HxW
//                      act=NONE|RELU|RELU_N1_TO_1|RELU6|TANH|SIGN_BIT
//                      depth_multiplier=N axis=N beta=F keep_dims=0|1
//                      keep_num_dims=0|1 alpha=F
//   inputs A,B         subgraph inputs
//   outputs Y          subgraph outputs
//
// --truncate=N keeps the first N bytes of the file and --set-byte=OFF:VAL
// overwrites one byte (for corruption tests).
//
//===----------------------------------------------------------------------===//

#include "hwq/Import/Tflite.h"

#include "TfliteSchema_generated.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace fb = hwq::tflite_fb;
using llvm::SmallVector;
using llvm::StringRef;

static llvm::cl::opt<std::string> inputFile(llvm::cl::Positional,
                                            llvm::cl::desc("<model.tflitetxt>"),
                                            llvm::cl::init("-"));
static llvm::cl::opt<std::string> outputFile("o",
                                             llvm::cl::desc("Output .tflite"),
                                             llvm::cl::value_desc("file"),
                                             llvm::cl::init("-"));
static llvm::cl::opt<std::string>
    modelName("model", llvm::cl::desc("The model section to build"),
              llvm::cl::init(""));
static llvm::cl::opt<int64_t>
    truncateTo("truncate", llvm::cl::desc("Keep only the first N bytes"),
               llvm::cl::init(-1));
static llvm::cl::list<std::string>
    setBytes("set-byte",
             llvm::cl::desc("OFFSET:VALUE: overwrite one byte of the file "
                            "(for corruption tests); repeatable"));
static llvm::cl::opt<unsigned>
    schemaVersion("schema-version",
                  llvm::cl::desc("The Model.version field (default 3)"),
                  llvm::cl::init(3));

namespace {
struct TensorSpec {
  std::string name;
  fb::TensorType type = fb::TensorType::FLOAT32;
  std::vector<int32_t> shape;
  bool hasData = false;
  std::vector<uint8_t> bytes;
  std::vector<float> scales;
  std::vector<int64_t> zeroPoints;
  int32_t qdim = 0;
};

struct OpSpec {
  int32_t code = 0;
  std::string custom;
  std::vector<int32_t> inputs, outputs;
  llvm::StringMap<std::string> options;
  int line = 0;
};

struct ModelSpec {
  std::vector<TensorSpec> tensors;
  llvm::StringMap<int32_t> tensorIndex;
  std::vector<OpSpec> ops;
  std::vector<int32_t> inputs, outputs;
};
} // namespace

static int lineNumber = 0;

static bool fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "hwq-make-tflite")
      << inputFile << ":" << lineNumber << ": " << message << "\n";
  return false;
}

/// Splits "AxBxC" into integers; "scalar" is rank 0.
static std::optional<std::vector<int32_t>> parseDims(StringRef text) {
  std::vector<int32_t> dims;
  if (text == "scalar")
    return dims;
  SmallVector<StringRef> parts;
  text.split(parts, 'x');
  for (StringRef p : parts) {
    int32_t d;
    if (p.getAsInteger(10, d))
      return std::nullopt;
    dims.push_back(d);
  }
  return dims;
}

static std::optional<fb::TensorType> parseType(StringRef text) {
  return llvm::StringSwitch<std::optional<fb::TensorType>>(text)
      .Case("f32", fb::TensorType::FLOAT32)
      .Case("f16", fb::TensorType::FLOAT16)
      .Case("i8", fb::TensorType::INT8)
      .Case("u8", fb::TensorType::UINT8)
      .Case("i16", fb::TensorType::INT16)
      .Case("i32", fb::TensorType::INT32)
      .Case("i64", fb::TensorType::INT64)
      .Default(std::nullopt);
}

/// IEEE half precision of `value` (round to nearest even; finite inputs).
static uint16_t floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  uint32_t sign = (bits >> 16) & 0x8000;
  int32_t exponent = static_cast<int32_t>((bits >> 23) & 0xff) - 127 + 15;
  uint32_t mantissa = bits & 0x7fffff;
  if (exponent <= 0)
    return static_cast<uint16_t>(sign); // Flush tiny values to zero.
  if (exponent >= 31)
    return static_cast<uint16_t>(sign | 0x7c00);
  uint32_t half = sign | (exponent << 10) | (mantissa >> 13);
  uint32_t rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest == 0x1000 && (half & 1)))
    ++half;
  return static_cast<uint16_t>(half);
}

/// Appends `value` to `bytes` as an element of `type` (little-endian).
static void appendElement(std::vector<uint8_t> &bytes, fb::TensorType type,
                          double value) {
  auto put = [&](const void *p, size_t n) {
    const uint8_t *b = static_cast<const uint8_t *>(p);
    bytes.insert(bytes.end(), b, b + n);
  };
  switch (type) {
  case fb::TensorType::FLOAT32: {
    float v = static_cast<float>(value);
    put(&v, 4);
    break;
  }
  case fb::TensorType::FLOAT16: {
    uint16_t v = floatToHalf(static_cast<float>(value));
    put(&v, 2);
    break;
  }
  case fb::TensorType::INT8: {
    int8_t v = static_cast<int8_t>(value);
    put(&v, 1);
    break;
  }
  case fb::TensorType::UINT8: {
    uint8_t v = static_cast<uint8_t>(value);
    put(&v, 1);
    break;
  }
  case fb::TensorType::INT16: {
    int16_t v = static_cast<int16_t>(value);
    put(&v, 2);
    break;
  }
  case fb::TensorType::INT32: {
    int32_t v = static_cast<int32_t>(value);
    put(&v, 4);
    break;
  }
  default: {
    int64_t v = static_cast<int64_t>(value);
    put(&v, 8);
    break;
  }
  }
}

/// Deterministic values for `fill` (a linear congruential sequence seeded by
/// the tensor's name).
static void fillTensor(TensorSpec &tensor) {
  uint64_t state = 0x9E3779B97F4A7C15ull;
  for (char c : tensor.name)
    state = state * 1099511628211ull + static_cast<unsigned char>(c);
  int64_t count = 1;
  for (int32_t d : tensor.shape)
    count *= d;
  for (int64_t i = 0; i < count; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    int64_t bucket = static_cast<int64_t>((state >> 33) % 2001) - 1000;
    double value;
    switch (tensor.type) {
    case fb::TensorType::INT8:
      value = static_cast<double>(bucket * 127 / 1000);
      break;
    case fb::TensorType::UINT8:
      value = static_cast<double>((bucket + 1000) * 255 / 2000);
      break;
    case fb::TensorType::FLOAT32:
    case fb::TensorType::FLOAT16:
      value = static_cast<double>(bucket) / 1000.0;
      break;
    default:
      value = static_cast<double>(bucket / 10);
      break;
    }
    appendElement(tensor.bytes, tensor.type, value);
  }
}

/// Looks up a builtin operator by name or number.
static std::optional<int32_t> parseOpCode(StringRef text) {
  int32_t code;
  if (!text.getAsInteger(10, code))
    return code;
  for (int32_t c = 0; c < 200; ++c)
    if (hwq::getTfliteBuiltinName(c) == text)
      return c;
  return std::nullopt;
}

static bool parseTensorList(ModelSpec &spec, StringRef text,
                            std::vector<int32_t> &out) {
  if (text.empty())
    return true;
  SmallVector<StringRef> names;
  text.split(names, ',');
  for (StringRef n : names) {
    if (n == "-") {
      out.push_back(-1);
      continue;
    }
    auto it = spec.tensorIndex.find(n);
    if (it == spec.tensorIndex.end())
      return fail("unknown tensor '" + n + "'");
    out.push_back(it->second);
  }
  return true;
}

static bool parseLine(ModelSpec &spec, StringRef line) {
  SmallVector<StringRef> words;
  line.split(words, ' ', -1, /*KeepEmpty=*/false);
  if (words.empty())
    return true;
  StringRef kind = words[0];
  if (kind == "tensor") {
    if (words.size() < 4)
      return fail("expected 'tensor NAME TYPE SHAPE ...'");
    TensorSpec tensor;
    tensor.name = words[1].str();
    std::optional<fb::TensorType> type = parseType(words[2]);
    std::optional<std::vector<int32_t>> dims = parseDims(words[3]);
    if (!type || !dims)
      return fail("bad type or shape");
    tensor.type = *type;
    tensor.shape = *dims;
    for (StringRef word : llvm::ArrayRef<StringRef>(words).drop_front(4)) {
      auto [key, value] = word.split('=');
      SmallVector<StringRef> values;
      value.split(values, ',');
      if (key == "fill") {
        tensor.hasData = true;
        fillTensor(tensor);
      } else if (key == "data") {
        tensor.hasData = true;
        for (StringRef v : values) {
          double d;
          if (v.getAsDouble(d))
            return fail("bad number '" + v + "'");
          appendElement(tensor.bytes, tensor.type, d);
        }
      } else if (key == "scale") {
        for (StringRef v : values) {
          double d;
          if (v.getAsDouble(d))
            return fail("bad scale '" + v + "'");
          tensor.scales.push_back(static_cast<float>(d));
        }
      } else if (key == "zp") {
        for (StringRef v : values) {
          int64_t z;
          if (v.getAsInteger(10, z))
            return fail("bad zero point '" + v + "'");
          tensor.zeroPoints.push_back(z);
        }
      } else if (key == "qdim") {
        if (value.getAsInteger(10, tensor.qdim))
          return fail("bad qdim");
      } else {
        return fail("unknown tensor key '" + key + "'");
      }
    }
    spec.tensorIndex[tensor.name] = static_cast<int32_t>(spec.tensors.size());
    spec.tensors.push_back(std::move(tensor));
    return true;
  }
  if (kind == "op") {
    if (words.size() < 5 || words[3] != "->")
      return fail("expected 'op NAME IN,... -> OUT,... KEY=VALUE...'");
    OpSpec op;
    op.line = lineNumber;
    if (words[1].starts_with("CUSTOM:")) {
      op.code = 32;
      op.custom = words[1].drop_front(7).str();
    } else if (std::optional<int32_t> code = parseOpCode(words[1])) {
      op.code = *code;
    } else {
      return fail("unknown operator '" + words[1] + "'");
    }
    if (!parseTensorList(spec, words[2], op.inputs) ||
        !parseTensorList(spec, words[4], op.outputs))
      return false;
    static const char *const known[] = {
        "padding",         "stride", "dilation",  "filter",        "act",
        "alpha",           "axis",   "keep_dims", "keep_num_dims", "beta",
        "depth_multiplier"};
    for (StringRef word : llvm::ArrayRef<StringRef>(words).drop_front(5)) {
      auto [key, value] = word.split('=');
      if (!llvm::is_contained(known, key))
        return fail("unknown operator option '" + key + "'");
      if ((key == "stride" || key == "dilation" || key == "filter") &&
          (!parseDims(value) || parseDims(value)->size() != 2))
        return fail("option " + key + " needs HxW");
      op.options[key] = value.str();
    }
    spec.ops.push_back(std::move(op));
    return true;
  }
  if (kind == "inputs" || kind == "outputs") {
    if (words.size() != 2)
      return fail("expected '" + kind + " A,B,...'");
    return parseTensorList(spec, words[1],
                           kind == "inputs" ? spec.inputs : spec.outputs);
  }
  return fail("unknown line kind '" + kind + "'");
}

/// Reads option `key` of `op` as integers split by 'x' (H x W), or `def`.
static bool getPair(const OpSpec &op, StringRef key, int32_t def, int32_t &h,
                    int32_t &w) {
  h = w = def;
  auto it = op.options.find(key);
  if (it == op.options.end())
    return true;
  std::optional<std::vector<int32_t>> dims = parseDims(it->second);
  if (!dims || dims->size() != 2)
    return fail("option " + key + " needs HxW");
  h = (*dims)[0];
  w = (*dims)[1];
  return true;
}

static int32_t getInt(const OpSpec &op, StringRef key, int32_t def) {
  auto it = op.options.find(key);
  int32_t value;
  if (it == op.options.end() || StringRef(it->second).getAsInteger(10, value))
    return def;
  return value;
}

static fb::ActivationFunctionType getAct(const OpSpec &op) {
  auto it = op.options.find("act");
  if (it == op.options.end())
    return fb::ActivationFunctionType::NONE;
  for (int a = 0; a <= 5; ++a) {
    auto act = static_cast<fb::ActivationFunctionType>(a);
    if (it->second == fb::EnumNameActivationFunctionType(act))
      return act;
  }
  return fb::ActivationFunctionType::NONE;
}

static fb::Padding getPadding(const OpSpec &op) {
  auto it = op.options.find("padding");
  return it != op.options.end() && it->second == "VALID" ? fb::Padding::VALID
                                                         : fb::Padding::SAME;
}

/// The builtin options table of `op`.
static std::pair<fb::BuiltinOptions, flatbuffers::Offset<void>>
buildOptions(flatbuffers::FlatBufferBuilder &b, const OpSpec &op) {
  int32_t sh, sw, dh, dw, fh, fw;
  getPair(op, "stride", 1, sh, sw);
  getPair(op, "dilation", 1, dh, dw);
  getPair(op, "filter", 1, fh, fw);
  switch (op.code) {
  case 3:
    return {
        fb::BuiltinOptions::Conv2DOptions,
        fb::CreateConv2DOptions(b, getPadding(op), sw, sh, getAct(op), dw, dh)
            .Union()};
  case 4:
    return {fb::BuiltinOptions::DepthwiseConv2DOptions,
            fb::CreateDepthwiseConv2DOptions(b, getPadding(op), sw, sh,
                                             getInt(op, "depth_multiplier", 0),
                                             getAct(op), dw, dh)
                .Union()};
  case 1:
  case 17:
    return {
        fb::BuiltinOptions::Pool2DOptions,
        fb::CreatePool2DOptions(b, getPadding(op), sw, sh, fw, fh, getAct(op))
            .Union()};
  case 9:
    return {fb::BuiltinOptions::FullyConnectedOptions,
            fb::CreateFullyConnectedOptions(
                b, getAct(op), fb::FullyConnectedOptionsWeightsFormat::DEFAULT,
                getInt(op, "keep_num_dims", 0) != 0)
                .Union()};
  case 25: {
    float beta = 1.0f;
    auto it = op.options.find("beta");
    double d;
    if (it != op.options.end() && !StringRef(it->second).getAsDouble(d))
      beta = static_cast<float>(d);
    return {fb::BuiltinOptions::SoftmaxOptions,
            fb::CreateSoftmaxOptions(b, beta).Union()};
  }
  case 2:
    return {fb::BuiltinOptions::ConcatenationOptions,
            fb::CreateConcatenationOptions(b, getInt(op, "axis", 0), getAct(op))
                .Union()};
  case 0:
    return {fb::BuiltinOptions::AddOptions,
            fb::CreateAddOptions(b, getAct(op)).Union()};
  case 18:
    return {fb::BuiltinOptions::MulOptions,
            fb::CreateMulOptions(b, getAct(op)).Union()};
  case 41:
    return {fb::BuiltinOptions::SubOptions,
            fb::CreateSubOptions(b, getAct(op)).Union()};
  case 40:
    return {
        fb::BuiltinOptions::ReducerOptions,
        fb::CreateReducerOptions(b, getInt(op, "keep_dims", 0) != 0).Union()};
  case 98: {
    float alpha = 0.0f;
    auto it = op.options.find("alpha");
    double d;
    if (it != op.options.end() && !StringRef(it->second).getAsDouble(d))
      alpha = static_cast<float>(d);
    return {fb::BuiltinOptions::LeakyReluOptions,
            fb::CreateLeakyReluOptions(b, alpha).Union()};
  }
  case 22:
    return {fb::BuiltinOptions::ReshapeOptions,
            fb::CreateReshapeOptions(b).Union()};
  default:
    return {fb::BuiltinOptions::NONE, 0};
  }
}

static std::string buildModel(const ModelSpec &spec) {
  flatbuffers::FlatBufferBuilder b;
  // Buffer 0 is the empty buffer every model starts with.
  std::vector<flatbuffers::Offset<fb::Buffer>> buffers = {fb::CreateBuffer(b)};
  std::vector<flatbuffers::Offset<fb::Tensor>> tensors;
  for (const TensorSpec &t : spec.tensors) {
    uint32_t bufferIndex = 0;
    if (t.hasData) {
      b.ForceVectorAlignment(t.bytes.size(), 1, 16);
      bufferIndex = static_cast<uint32_t>(buffers.size());
      buffers.push_back(fb::CreateBuffer(b, b.CreateVector(t.bytes)));
    }
    flatbuffers::Offset<fb::QuantizationParameters> q = 0;
    if (!t.scales.empty())
      q = fb::CreateQuantizationParameters(
          b, 0, 0, b.CreateVector(t.scales), b.CreateVector(t.zeroPoints),
          fb::QuantizationDetails::NONE, 0, t.qdim);
    tensors.push_back(fb::CreateTensor(b, b.CreateVector(t.shape), t.type,
                                       bufferIndex, b.CreateString(t.name), q));
  }
  // One operator code per distinct (code, custom name).
  std::vector<std::pair<int32_t, std::string>> codeKeys;
  std::vector<flatbuffers::Offset<fb::OperatorCode>> codes;
  std::vector<flatbuffers::Offset<fb::Operator>> ops;
  for (const OpSpec &op : spec.ops) {
    auto key = std::make_pair(op.code, op.custom);
    auto it = llvm::find(codeKeys, key);
    uint32_t codeIndex = static_cast<uint32_t>(it - codeKeys.begin());
    if (it == codeKeys.end()) {
      codeKeys.push_back(key);
      // Like current converters: the small code in both fields.
      int8_t deprecated = static_cast<int8_t>(op.code < 127 ? op.code : 127);
      codes.push_back(fb::CreateOperatorCode(
          b, deprecated, op.custom.empty() ? 0 : b.CreateString(op.custom), 1,
          op.code));
    }
    auto [type, options] = buildOptions(b, op);
    ops.push_back(fb::CreateOperator(b, codeIndex, b.CreateVector(op.inputs),
                                     b.CreateVector(op.outputs), type,
                                     options));
  }
  auto subgraph = fb::CreateSubGraph(
      b, b.CreateVector(tensors), b.CreateVector(spec.inputs),
      b.CreateVector(spec.outputs), b.CreateVector(ops),
      b.CreateString("main"));
  auto model = fb::CreateModel(
      b, schemaVersion, b.CreateVector(codes),
      b.CreateVector(std::vector<flatbuffers::Offset<fb::SubGraph>>{subgraph}),
      b.CreateString("hwq-make-tflite"), b.CreateVector(buffers));
  fb::FinishModelBuffer(b, model);
  return std::string(reinterpret_cast<const char *>(b.GetBufferPointer()),
                     b.GetSize());
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::cl::ParseCommandLineOptions(argc, argv,
                                    "TFLite model text to flatbuffer\n");
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!buffer) {
    llvm::WithColor::error(llvm::errs(), "hwq-make-tflite")
        << "cannot read '" << inputFile << "'\n";
    return 1;
  }
  ModelSpec spec;
  bool selected = modelName.empty(), seenModel = false, done = false;
  SmallVector<StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (StringRef line : lines) {
    ++lineNumber;
    line = line.split('#').first.trim();
    if (line.empty() || done)
      continue;
    if (line.starts_with("model ")) {
      StringRef name = line.drop_front(6).trim();
      if (seenModel && selected) {
        done = true; // The selected model ended.
        continue;
      }
      seenModel = true;
      selected = modelName.empty() || name == modelName;
      continue;
    }
    if (selected && !parseLine(spec, line))
      return 1;
  }
  if (!selected || (spec.tensors.empty() && !modelName.empty())) {
    llvm::WithColor::error(llvm::errs(), "hwq-make-tflite")
        << "no model '" << modelName << "' in '" << inputFile << "'\n";
    return 1;
  }
  std::string bytes = buildModel(spec);
  for (StringRef spec : setBytes) {
    auto [offsetText, valueText] = spec.split(':');
    size_t offset;
    unsigned value;
    if (offsetText.getAsInteger(0, offset) ||
        valueText.getAsInteger(0, value) || value > 255 ||
        offset >= bytes.size()) {
      llvm::WithColor::error(llvm::errs(), "hwq-make-tflite")
          << "--set-byte: bad OFFSET:VALUE '" << spec << "' for a file of "
          << bytes.size() << " bytes\n";
      return 1;
    }
    bytes[offset] = static_cast<char>(value);
  }
  if (truncateTo >= 0 && static_cast<size_t>(truncateTo) < bytes.size())
    bytes.resize(static_cast<size_t>(truncateTo));

  std::error_code error;
  llvm::ToolOutputFile output(outputFile, error, llvm::sys::fs::OF_None);
  if (error) {
    llvm::WithColor::error(llvm::errs(), "hwq-make-tflite")
        << "cannot write '" << outputFile << "': " << error.message() << "\n";
    return 1;
  }
  output.os() << bytes;
  output.keep();
  return 0;
}
