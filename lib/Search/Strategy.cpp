//===- Strategy.cpp - strategy JSON reading and writing ---------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The JSON form of a Strategy (docs/Strategy.md). Reading is strict: unknown
// keys, wrong types and values out of range are errors that name the file
// and the JSON path of the offending value; syntax errors name the line and
// column. Writing uses a fixed key order so that equal strategies give equal
// bytes.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Strategy.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <cstdio>

using namespace hwq;
using llvm::StringRef;

StringRef hwq::stringifyGranularity(Granularity granularity) {
  return granularity == Granularity::PerChannel ? "per_channel" : "per_tensor";
}

std::optional<Granularity> hwq::parseGranularity(StringRef name) {
  if (name == "per_tensor")
    return Granularity::PerTensor;
  if (name == "per_channel")
    return Granularity::PerChannel;
  return std::nullopt;
}

const EdgeChoice *Strategy::findEdge(StringRef name) const {
  for (const EdgeChoice &edge : edges)
    if (edge.name == name)
      return &edge;
  return nullptr;
}

const NodeChoice *Strategy::findNode(StringRef name) const {
  for (const NodeChoice &node : nodes)
    if (node.name == name)
      return &node;
  return nullptr;
}

void Strategy::setFigure(StringRef name, double value) {
  for (auto &figure : figures)
    if (figure.first == name) {
      figure.second = value;
      return;
    }
  figures.emplace_back(name.str(), value);
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

namespace {

/// Reads one JSON value tree into a Strategy, remembering the first error.
class StrategyReader {
public:
  explicit StrategyReader(StringRef bufferName) : bufferName(bufferName) {}

  llvm::Expected<Strategy> read(const llvm::json::Value &root);

private:
  /// Records an error at `path` (the first one wins) and returns false.
  bool fail(const std::string &path, const llvm::Twine &message) {
    if (error.empty())
      error = (bufferName + ": at " + (path.empty() ? "the top level" : path) +
               ": " + message)
                  .str();
    return false;
  }
  /// Checks that `object` has only keys from `allowed`.
  bool checkKeys(const llvm::json::Object &object, const std::string &path,
                 llvm::ArrayRef<StringRef> allowed);
  bool readString(const llvm::json::Object &object, StringRef key,
                  const std::string &path, std::string &out);
  bool readInteger(const llvm::json::Object &object, StringRef key,
                   const std::string &path, std::optional<int64_t> &out);
  bool readNumber(const llvm::json::Object &object, StringRef key,
                  const std::string &path, std::optional<double> &out);
  bool readBool(const llvm::json::Object &object, StringRef key,
                const std::string &path, std::optional<bool> &out);
  bool readEdge(const llvm::json::Value &value, const std::string &path,
                EdgeChoice &edge);
  bool readNode(const llvm::json::Value &value, const std::string &path,
                NodeChoice &node);
  bool readCalibration(const llvm::json::Value &value, const std::string &path,
                       CalibrationInfo &info);

  std::string bufferName;
  std::string error;
};

/// A short description of a JSON value's kind, for messages.
std::string describe(const llvm::json::Value &value) {
  switch (value.kind()) {
  case llvm::json::Value::Null:
    return "null";
  case llvm::json::Value::Boolean:
    return *value.getAsBoolean() ? "true" : "false";
  case llvm::json::Value::Number:
    return "a number";
  case llvm::json::Value::String:
    return "the string \"" + value.getAsString()->str() + "\"";
  case llvm::json::Value::Array:
    return "a list";
  case llvm::json::Value::Object:
    return "an object";
  }
  return "a value";
}

std::string join(const std::string &path, StringRef key) {
  return path.empty() ? key.str() : path + "." + key.str();
}

} // namespace

bool StrategyReader::checkKeys(const llvm::json::Object &object,
                               const std::string &path,
                               llvm::ArrayRef<StringRef> allowed) {
  // Report unknown keys in sorted order so that the message is stable.
  for (const auto *entry : llvm::json::sortedElements(object))
    if (!llvm::is_contained(allowed, StringRef(entry->first)))
      return fail(path, "unknown key '" + StringRef(entry->first) +
                            "'; expected one of " + llvm::join(allowed, ", "));
  return true;
}

bool StrategyReader::readString(const llvm::json::Object &object, StringRef key,
                                const std::string &path, std::string &out) {
  const llvm::json::Value *value = object.get(key);
  if (!value)
    return true;
  std::optional<StringRef> string = value->getAsString();
  if (!string)
    return fail(join(path, key), "expected a string, got " + describe(*value));
  out = string->str();
  return true;
}

bool StrategyReader::readInteger(const llvm::json::Object &object,
                                 StringRef key, const std::string &path,
                                 std::optional<int64_t> &out) {
  const llvm::json::Value *value = object.get(key);
  if (!value)
    return true;
  std::optional<int64_t> integer = value->getAsInteger();
  if (!integer)
    return fail(join(path, key),
                "expected an integer, got " + describe(*value));
  out = *integer;
  return true;
}

bool StrategyReader::readNumber(const llvm::json::Object &object, StringRef key,
                                const std::string &path,
                                std::optional<double> &out) {
  const llvm::json::Value *value = object.get(key);
  if (!value)
    return true;
  std::optional<double> number = value->getAsNumber();
  if (!number || !std::isfinite(*number))
    return fail(join(path, key),
                "expected a finite number, got " + describe(*value));
  out = *number;
  return true;
}

bool StrategyReader::readBool(const llvm::json::Object &object, StringRef key,
                              const std::string &path,
                              std::optional<bool> &out) {
  const llvm::json::Value *value = object.get(key);
  if (!value)
    return true;
  std::optional<bool> flag = value->getAsBoolean();
  if (!flag)
    return fail(join(path, key),
                "expected true or false, got " + describe(*value));
  out = *flag;
  return true;
}

bool StrategyReader::readEdge(const llvm::json::Value &value,
                              const std::string &path, EdgeChoice &edge) {
  const llvm::json::Object *object = value.getAsObject();
  if (!object)
    return fail(path, "expected an edge object, got " + describe(value));
  if (!checkKeys(*object, path,
                 {"name", "role", "bits", "signed", "granularity", "method",
                  "percentile"}))
    return false;
  if (!object->get("name"))
    return fail(path, "missing required key 'name'");
  if (!readString(*object, "name", path, edge.name) ||
      !readString(*object, "role", path, edge.role))
    return false;
  if (edge.name.empty())
    return fail(join(path, "name"), "must not be empty");
  std::optional<int64_t> bits;
  if (!readInteger(*object, "bits", path, bits) ||
      !readBool(*object, "signed", path, edge.isSigned))
    return false;
  if (bits) {
    if (*bits < 2 || *bits > 32)
      return fail(join(path, "bits"),
                  "must be between 2 and 32, got " + llvm::Twine(*bits));
    edge.bits = static_cast<unsigned>(*bits);
  }
  std::string text;
  if (!readString(*object, "granularity", path, text))
    return false;
  if (object->get("granularity")) {
    edge.granularity = parseGranularity(text);
    if (!edge.granularity)
      return fail(join(path, "granularity"),
                  "expected \"per_tensor\" or \"per_channel\", got \"" + text +
                      "\"");
  }
  text.clear();
  if (!readString(*object, "method", path, text))
    return false;
  if (object->get("method")) {
    edge.method = parseThresholdMethod(text);
    if (!edge.method)
      return fail(
          join(path, "method"),
          "expected \"max\", \"percentile\", \"kl\" or \"mse\", got \"" + text +
              "\"");
  }
  if (!readNumber(*object, "percentile", path, edge.percentile))
    return false;
  if (edge.percentile && !(*edge.percentile > 0.0 && *edge.percentile <= 100.0))
    return fail(join(path, "percentile"), "must be in (0, 100]");
  if (edge.percentile && edge.method != ThresholdMethod::Percentile)
    return fail(join(path, "percentile"),
                "is only allowed with \"method\": \"percentile\"");
  return true;
}

bool StrategyReader::readNode(const llvm::json::Value &value,
                              const std::string &path, NodeChoice &node) {
  const llvm::json::Object *object = value.getAsObject();
  if (!object)
    return fail(path, "expected a node object, got " + describe(value));
  if (!checkKeys(*object, path, {"name", "kind", "alternative"}))
    return false;
  if (!object->get("name"))
    return fail(path, "missing required key 'name'");
  if (!object->get("alternative"))
    return fail(path, "missing required key 'alternative'");
  std::optional<int64_t> alternative;
  if (!readString(*object, "name", path, node.name) ||
      !readString(*object, "kind", path, node.kind) ||
      !readInteger(*object, "alternative", path, alternative))
    return false;
  if (node.name.empty())
    return fail(join(path, "name"), "must not be empty");
  if (*alternative < 0)
    return fail(join(path, "alternative"),
                "must not be negative, got " + llvm::Twine(*alternative));
  node.alternative = *alternative;
  return true;
}

bool StrategyReader::readCalibration(const llvm::json::Value &value,
                                     const std::string &path,
                                     CalibrationInfo &info) {
  const llvm::json::Object *object = value.getAsObject();
  if (!object)
    return fail(path, "expected an object, got " + describe(value));
  if (!checkKeys(*object, path,
                 {"data", "range", "samples", "method", "weight_method"}))
    return false;
  if (!readString(*object, "data", path, info.data) ||
      !readString(*object, "range", path, info.range) ||
      !readInteger(*object, "samples", path, info.samples) ||
      !readString(*object, "method", path, info.method) ||
      !readString(*object, "weight_method", path, info.weightMethod))
    return false;
  if (info.samples && *info.samples < 0)
    return fail(join(path, "samples"), "must not be negative");
  return true;
}

llvm::Expected<Strategy> StrategyReader::read(const llvm::json::Value &root) {
  Strategy strategy;
  auto result = [&]() -> llvm::Expected<Strategy> {
    if (!error.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
    return std::move(strategy);
  };
  const llvm::json::Object *object = root.getAsObject();
  if (!object) {
    fail("", "a strategy must be a JSON object, got " + describe(root));
    return result();
  }
  if (!checkKeys(*object, "",
                 {"format", "version", "target", "seed", "objective",
                  "calibration", "figures", "nodes", "edges"}))
    return result();
  std::string format;
  if (!readString(*object, "format", "", format))
    return result();
  if (object->get("format") && format != "hwq-strategy") {
    fail("format", "expected \"hwq-strategy\", got \"" + format + "\"");
    return result();
  }
  std::optional<int64_t> version, seed;
  if (!readInteger(*object, "version", "", version))
    return result();
  if (!version) {
    fail("", "missing required key 'version'");
    return result();
  }
  if (*version != Strategy::kVersion) {
    fail("version", "this hwq reads version " +
                        llvm::Twine(Strategy::kVersion) + ", got " +
                        llvm::Twine(*version));
    return result();
  }
  if (!readString(*object, "target", "", strategy.target) ||
      !readInteger(*object, "seed", "", seed) ||
      !readString(*object, "objective", "", strategy.objective))
    return result();
  if (seed) {
    if (*seed < 0) {
      fail("seed", "must not be negative");
      return result();
    }
    strategy.seed = static_cast<uint64_t>(*seed);
  }
  if (const llvm::json::Value *calibration = object->get("calibration"))
    if (!readCalibration(*calibration, "calibration", strategy.calibration))
      return result();
  if (const llvm::json::Value *figures = object->get("figures")) {
    const llvm::json::Object *map = figures->getAsObject();
    if (!map) {
      fail("figures",
           "expected an object of numbers, got " + describe(*figures));
      return result();
    }
    for (const auto *entry : llvm::json::sortedElements(*map)) {
      std::optional<double> number = entry->second.getAsNumber();
      if (!number || !std::isfinite(*number)) {
        fail(join("figures", entry->first),
             "expected a finite number, got " + describe(entry->second));
        return result();
      }
      strategy.figures.emplace_back(entry->first.str(), *number);
    }
  }
  if (const llvm::json::Value *nodes = object->get("nodes")) {
    const llvm::json::Array *list = nodes->getAsArray();
    if (!list) {
      fail("nodes", "expected a list, got " + describe(*nodes));
      return result();
    }
    for (auto [index, value] : llvm::enumerate(*list)) {
      std::string path = "nodes[" + std::to_string(index) + "]";
      NodeChoice node;
      if (!readNode(value, path, node))
        return result();
      if (strategy.findNode(node.name)) {
        fail(path, "node '" + node.name + "' is listed twice");
        return result();
      }
      strategy.nodes.push_back(std::move(node));
    }
  }
  if (const llvm::json::Value *edges = object->get("edges")) {
    const llvm::json::Array *list = edges->getAsArray();
    if (!list) {
      fail("edges", "expected a list, got " + describe(*edges));
      return result();
    }
    for (auto [index, value] : llvm::enumerate(*list)) {
      std::string path = "edges[" + std::to_string(index) + "]";
      EdgeChoice edge;
      if (!readEdge(value, path, edge))
        return result();
      if (strategy.findEdge(edge.name)) {
        fail(path, "edge '" + edge.name + "' is listed twice");
        return result();
      }
      strategy.edges.push_back(std::move(edge));
    }
  }
  return result();
}

llvm::Expected<Strategy> hwq::parseStrategy(StringRef text,
                                            StringRef bufferName) {
  llvm::Expected<llvm::json::Value> root = llvm::json::parse(text);
  if (!root) {
    // llvm::json::ParseError prints "[LINE:COL, byte=N]: message".
    std::string message = llvm::toString(root.takeError());
    StringRef rest = message;
    std::string located;
    if (rest.consume_front("[")) {
      auto [position, tail] = rest.split("]: ");
      StringRef lineCol = position.split(',').first;
      located = (bufferName + ":" + lineCol + ": invalid JSON: " + tail).str();
    } else {
      located = (bufferName + ": invalid JSON: " + message).str();
    }
    return llvm::createStringError(llvm::inconvertibleErrorCode(), located);
  }
  StrategyReader reader(bufferName);
  return reader.read(*root);
}

llvm::Expected<Strategy> hwq::readStrategyFile(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   "cannot open strategy '" + path +
                                       "': " + buffer.getError().message());
  return parseStrategy((*buffer)->getBuffer(), path);
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

/// Doubles with 17 significant digits (round trip), integers without a
/// fraction.
static void writeNumber(llvm::json::OStream &json, double value) {
  if (std::nearbyint(value) == value && std::fabs(value) < 9.0e15) {
    json.value(static_cast<int64_t>(value));
    return;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  json.rawValue(buffer);
}

void hwq::writeStrategy(const Strategy &strategy, llvm::raw_ostream &os) {
  llvm::json::OStream json(os, /*IndentSize=*/2);
  json.object([&] {
    json.attribute("format", "hwq-strategy");
    json.attribute("version", Strategy::kVersion);
    if (!strategy.target.empty())
      json.attribute("target", strategy.target);
    if (strategy.seed)
      json.attribute("seed", static_cast<int64_t>(*strategy.seed));
    if (!strategy.objective.empty())
      json.attribute("objective", strategy.objective);
    const CalibrationInfo &calibration = strategy.calibration;
    if (!calibration.data.empty() || !calibration.range.empty() ||
        calibration.samples || !calibration.method.empty() ||
        !calibration.weightMethod.empty())
      json.attributeObject("calibration", [&] {
        if (!calibration.data.empty())
          json.attribute("data", calibration.data);
        if (!calibration.range.empty())
          json.attribute("range", calibration.range);
        if (calibration.samples)
          json.attribute("samples", *calibration.samples);
        if (!calibration.method.empty())
          json.attribute("method", calibration.method);
        if (!calibration.weightMethod.empty())
          json.attribute("weight_method", calibration.weightMethod);
      });
    if (!strategy.figures.empty())
      json.attributeObject("figures", [&] {
        for (const auto &[name, value] : strategy.figures) {
          json.attributeBegin(name);
          writeNumber(json, value);
          json.attributeEnd();
        }
      });
    json.attributeArray("nodes", [&] {
      for (const NodeChoice &node : strategy.nodes)
        json.object([&] {
          json.attribute("name", node.name);
          if (!node.kind.empty())
            json.attribute("kind", node.kind);
          json.attribute("alternative", node.alternative);
        });
    });
    json.attributeArray("edges", [&] {
      for (const EdgeChoice &edge : strategy.edges)
        json.object([&] {
          json.attribute("name", edge.name);
          if (!edge.role.empty())
            json.attribute("role", edge.role);
          if (edge.bits)
            json.attribute("bits", static_cast<int64_t>(*edge.bits));
          if (edge.isSigned)
            json.attribute("signed", *edge.isSigned);
          if (edge.granularity)
            json.attribute("granularity",
                           stringifyGranularity(*edge.granularity));
          if (edge.method)
            json.attribute("method", stringifyThresholdMethod(*edge.method));
          if (edge.percentile) {
            json.attributeBegin("percentile");
            writeNumber(json, *edge.percentile);
            json.attributeEnd();
          }
        });
    });
  });
  os << "\n";
}

llvm::Error hwq::writeStrategyFile(const Strategy &strategy, StringRef path) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return llvm::createStringError(ec, "cannot write strategy '" + path +
                                           "': " + ec.message());
  writeStrategy(strategy, os);
  os.close();
  if (os.has_error())
    return llvm::createStringError(os.error(),
                                   "cannot write strategy '" + path +
                                       "': " + os.error().message());
  return llvm::Error::success();
}
