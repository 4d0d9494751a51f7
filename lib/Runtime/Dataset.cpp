//===- Dataset.cpp - labelled sample collections --------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Spec parsing, the four storage kinds, label files (CSV or .npy) and sample
// ranges. The format is documented in docs/Calibration.md ("Datasets").
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/Dataset.h"

#include "hwq/Runtime/TensorIO.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

using namespace hwq;
using namespace hwq::runtime;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

//===----------------------------------------------------------------------===//
// Sample ranges
//===----------------------------------------------------------------------===//

llvm::Expected<SampleRange> runtime::parseSampleRange(StringRef text,
                                                      size_t count) {
  StringRef trimmed = text.trim();
  SampleRange range{0, count};
  if (!trimmed.empty() && trimmed != ":") {
    auto [first, second] = trimmed.split(':');
    if (first.size() == trimmed.size())
      return makeError("malformed sample range '" + text +
                       "': expected A:B (samples A to B-1), A: or :B");
    unsigned long long begin = 0, end = count;
    if ((!first.empty() && first.trim().getAsInteger(10, begin)) ||
        (!second.empty() && second.trim().getAsInteger(10, end)))
      return makeError("malformed sample range '" + text +
                       "': bounds must be non-negative integers");
    if (begin > end)
      return makeError("sample range '" + text + "' starts after it ends");
    if (end > count)
      return makeError(llvm::formatv("sample range '{0}' ends after the "
                                     "dataset's {1} samples",
                                     text, count));
    range = {static_cast<size_t>(begin), static_cast<size_t>(end)};
  }
  if (range.size() == 0)
    return makeError("sample range '" + text +
                     "' selects no sample (the "
                     "dataset has " +
                     llvm::Twine(count) + ")");
  return range;
}

//===----------------------------------------------------------------------===//
// Spec parsing
//===----------------------------------------------------------------------===//

namespace {
/// A spec split into its parts.
struct ParsedSpec {
  /// npy, npz, dir, raw or kws01 (after defaulting).
  std::string kind;
  std::string path;
  std::map<std::string, std::string> keys;
};
} // namespace

static bool isKnownKind(StringRef kind) {
  return llvm::is_contained({"npy", "npz", "dir", "raw", "kws01", "idx"}, kind);
}

/// Keys a kind accepts.
static bool kindAcceptsKey(StringRef kind, StringRef key) {
  if (llvm::is_contained({"shape", "scale", "zero_point", "labels"}, key))
    return true;
  if (key == "ext")
    return kind == "dir" || kind == "raw" || kind == "kws01";
  if (key == "dtype")
    return kind == "raw" || kind == "kws01";
  return false;
}

/// True for MNIST-style idx file names: `*-idx3-ubyte`, `*.idx3-ubyte`,
/// `*.idx` and the like (an `idx<N>-ubyte` suffix or an `.idx` extension).
static bool isIdxFileName(StringRef path) {
  StringRef name = llvm::sys::path::filename(path);
  if (name.ends_with(".gz"))
    name = name.drop_back(3);
  if (name.ends_with(".idx"))
    return true;
  size_t pos = name.rfind("idx");
  return pos != StringRef::npos && name.substr(pos).size() == 10 &&
         llvm::isDigit(name[pos + 3]) && name.substr(pos + 4) == "-ubyte";
}

static llvm::Expected<ParsedSpec> parseSpec(StringRef spec) {
  llvm::SmallVector<StringRef> parts;
  spec.split(parts, ':');
  ParsedSpec parsed;
  size_t next = 0;
  if (parts.size() >= 2 && isKnownKind(parts[0])) {
    parsed.kind = parts[0].str();
    next = 1;
  }
  if (next >= parts.size() || parts[next].empty())
    return makeError("dataset '" + spec +
                     "': no path (expected "
                     "[KIND:]PATH[:KEY=VALUE]...)");
  parsed.path = parts[next++].str();
  for (; next < parts.size(); ++next) {
    auto [key, value] = parts[next].split('=');
    if (key.size() == parts[next].size() || key.empty())
      return makeError("dataset '" + spec + "': '" + parts[next] +
                       "' is not KEY=VALUE");
    if (!llvm::is_contained(
            {"dtype", "shape", "scale", "zero_point", "labels", "ext"}, key))
      return makeError("dataset '" + spec + "': unknown key '" + key +
                       "' (known: dtype, shape, scale, zero_point, labels, "
                       "ext)");
    if (!parsed.keys.emplace(key.str(), value.str()).second)
      return makeError("dataset '" + spec + "': key '" + key + "' given twice");
  }
  if (parsed.kind.empty()) {
    if (llvm::sys::fs::is_directory(parsed.path))
      parsed.kind = "dir";
    else if (parsed.path.size() > 4 && StringRef(parsed.path).ends_with(".npz"))
      parsed.kind = "npz";
    else if (isIdxFileName(parsed.path))
      parsed.kind = "idx";
    else
      parsed.kind = "npy";
  }
  if (parsed.kind == "kws01") {
    // The MLPerf Tiny kws01 layout (README of the EEMBC energy runner
    // datasets): int8 MFCC files quantized with the int8 model's input
    // parameters.
    parsed.keys.emplace("dtype", "i8");
    parsed.keys.emplace("shape", "1x1x49x10");
    parsed.keys.emplace("scale", "0.584703");
    parsed.keys.emplace("zero_point", "83");
    parsed.keys.emplace("labels", "y_labels.csv");
  }
  for (const auto &[key, value] : parsed.keys)
    if (!kindAcceptsKey(parsed.kind, key))
      return makeError("dataset '" + spec + "': key '" + key +
                       "' does not apply to " + parsed.kind + " datasets");
  return parsed;
}

//===----------------------------------------------------------------------===//
// Dataset
//===----------------------------------------------------------------------===//

struct Dataset::Impl {
  Kind kind = Kind::Npy;
  /// The spec's kind name (npy, npz, dir, raw, kws01) and path.
  std::string kindName;
  std::string path;
  size_t count = 0;

  /// Array kinds: the arrays, each of shape [count, ...], in input order.
  std::vector<NamedTensor> arrays;
  /// Folder kinds: the sample files (full paths), sorted by name.
  std::vector<std::string> files;
  /// Raw folders: the element kind of the files.
  ElementKind rawKind = ElementKind::I8;
  /// The shape of one sample (required for raw folders), or none.
  std::optional<llvm::SmallVector<int64_t>> shape;
  /// Dequantization of integer samples: x = scale * (q - zeroPoint).
  std::optional<double> scale;
  int64_t zeroPoint = 0;
  /// One label per sample, or empty.
  std::vector<int64_t> labels;
  /// Where the labels came from, for describe().
  std::string labelSource;

  /// The folder relative label paths are resolved against.
  std::string getBaseFolder() const {
    if (kind == Kind::NpyFolder || kind == Kind::RawFolder)
      return path;
    StringRef parent = llvm::sys::path::parent_path(path);
    return parent.empty() ? "." : parent.str();
  }

  llvm::Expected<Tensor> finishTensor(Tensor tensor,
                                      StringRef sampleName) const;
  /// Resolves and reads the labels named by `labels=` (or the default).
  llvm::Error loadLabels(StringRef spec, std::optional<std::string> labelKey);
};

Dataset::Dataset(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Dataset::~Dataset() = default;
Dataset::Dataset(Dataset &&) = default;
Dataset &Dataset::operator=(Dataset &&) = default;

Dataset::Kind Dataset::getKind() const { return impl->kind; }
size_t Dataset::size() const { return impl->count; }
bool Dataset::hasLabels() const { return !impl->labels.empty(); }

/// Reads a whole file.
static llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readWholeFile(StringRef path) {
  if (llvm::sys::fs::is_directory(path))
    return makeError("cannot read '" + path + "': it is a directory");
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError("cannot open '" + path +
                     "': " + buffer.getError().message());
  return std::move(*buffer);
}

static llvm::ArrayRef<uint8_t> asBytes(const llvm::MemoryBuffer &buffer) {
  return {reinterpret_cast<const uint8_t *>(buffer.getBufferStart()),
          buffer.getBufferSize()};
}

static bool hasGzipMagic(llvm::ArrayRef<uint8_t> bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

/// True when `bytes` starts like an idx file of rank `rank` (any element
/// type).
static bool hasIdxMagic(llvm::ArrayRef<uint8_t> bytes, unsigned rank) {
  return bytes.size() >= 4 && bytes[0] == 0 && bytes[1] == 0 &&
         bytes[3] == rank &&
         llvm::is_contained({0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E}, bytes[2]);
}

/// Parses an idx file (the MNIST format, yann.lecun.com/exdb/mnist): a
/// big-endian header `0 0 TYPE RANK`, RANK big-endian u32 dimensions, then
/// the elements in row-major order, big-endian. TYPE is 0x08 u8, 0x09 i8,
/// 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64.
static llvm::Expected<Tensor> parseIdx(llvm::ArrayRef<uint8_t> bytes,
                                       StringRef file) {
  if (hasGzipMagic(bytes))
    return makeError(file +
                     ": gzip-compressed idx files are not read "
                     "(decompress it first: gunzip -k " +
                     file + ")");
  if (bytes.size() < 4 || bytes[0] != 0 || bytes[1] != 0)
    return makeError(file + ": not an idx file (the first two bytes must be "
                            "0)");
  std::optional<ElementKind> kind;
  switch (bytes[2]) {
  case 0x08:
    kind = ElementKind::U8;
    break;
  case 0x09:
    kind = ElementKind::I8;
    break;
  case 0x0B:
    kind = ElementKind::I16;
    break;
  case 0x0C:
    kind = ElementKind::I32;
    break;
  case 0x0D:
    kind = ElementKind::F32;
    break;
  case 0x0E:
    kind = ElementKind::F64;
    break;
  default:
    return makeError(llvm::formatv("{0}: unknown idx element type 0x{1:x-2}",
                                   file, bytes[2]));
  }
  unsigned rank = bytes[3];
  if (rank == 0)
    return makeError(file + ": idx file of rank 0 (no sample dimension)");
  size_t headerSize = 4 + 4 * static_cast<size_t>(rank);
  if (bytes.size() < headerSize)
    return makeError(file + ": truncated idx header");
  llvm::SmallVector<int64_t> shape;
  for (unsigned i = 0; i < rank; ++i) {
    const uint8_t *p = bytes.data() + 4 + 4 * i;
    shape.push_back((static_cast<int64_t>(p[0]) << 24) |
                    (static_cast<int64_t>(p[1]) << 16) |
                    (static_cast<int64_t>(p[2]) << 8) | p[3]);
  }
  std::optional<int64_t> count = getNumElements(shape);
  unsigned size = getElementSize(*kind);
  if (!count || bytes.size() - headerSize !=
                    static_cast<size_t>(*count) * static_cast<size_t>(size))
    return makeError(llvm::formatv("{0}: an idx array of shape {1} needs {2} "
                                   "bytes of data, the file has {3}",
                                   file, formatShape(shape),
                                   count ? *count * size : -1,
                                   bytes.size() - headerSize));
  Tensor tensor(*kind, shape);
  llvm::MutableArrayRef<uint8_t> out = tensor.getMutableBytes();
  const uint8_t *in = bytes.data() + headerSize;
  // Big-endian elements to the host's (little-endian) order.
  for (size_t i = 0, e = static_cast<size_t>(*count); i < e; ++i)
    for (unsigned b = 0; b < size; ++b)
      out[i * size + b] = in[i * size + (size - 1 - b)];
  return tensor;
}

static bool hasNpyMagic(llvm::ArrayRef<uint8_t> bytes) {
  return bytes.size() >= 6 && bytes[0] == 0x93 &&
         std::memcmp(bytes.data() + 1, "NUMPY", 5) == 0;
}

/// Labels from an integer tensor of `count` elements.
static llvm::Expected<std::vector<int64_t>>
labelsFromTensor(const Tensor &tensor, size_t count, StringRef source) {
  if (isFloatKind(tensor.getKind()))
    return makeError(source + ": labels must be integers, the array holds " +
                     getElementKindName(tensor.getKind()));
  bool columnOk = tensor.getRank() == 1 ||
                  (tensor.getRank() == 2 && tensor.getShape()[1] == 1);
  if (!columnOk || static_cast<size_t>(tensor.getNumElements()) != count)
    return makeError(llvm::formatv("{0}: expected {1} labels (shape {1} or "
                                   "{1}x1), got shape {2}",
                                   source, count,
                                   formatShape(tensor.getShape())));
  std::vector<int64_t> labels(count);
  for (size_t i = 0; i < count; ++i) {
    labels[i] = tensor.getInt(static_cast<int64_t>(i));
    if (labels[i] < 0)
      return makeError(llvm::formatv("{0}: label #{1} is negative ({2})",
                                     source, i, labels[i]));
  }
  return labels;
}

/// Parses a label CSV: lines `name[,...],class` (blank lines and lines
/// starting with '#' are skipped). With `names`, labels are matched to the
/// sample names by the first field; otherwise they are taken in line order.
static llvm::Expected<std::vector<int64_t>>
parseLabelCsv(StringRef text, StringRef file, size_t count,
              const std::vector<std::string> *names) {
  std::vector<int64_t> inOrder;
  llvm::StringMap<std::pair<int64_t, unsigned>> byName;
  llvm::SmallVector<StringRef> lines;
  text.split(lines, '\n');
  for (auto [index, rawLine] : llvm::enumerate(lines)) {
    unsigned lineNo = index + 1;
    StringRef line = rawLine.trim();
    if (line.empty() || line.starts_with("#"))
      continue;
    llvm::SmallVector<StringRef> fields;
    line.split(fields, ',');
    StringRef labelText = fields.back().trim();
    int64_t label;
    if (labelText.getAsInteger(10, label))
      return makeError(llvm::formatv("{0}:{1}: label '{2}' is not an integer",
                                     file, lineNo, labelText));
    if (label < 0)
      return makeError(
          llvm::formatv("{0}:{1}: label {2} is negative", file, lineNo, label));
    if (!names) {
      inOrder.push_back(label);
      continue;
    }
    if (fields.size() < 2)
      return makeError(llvm::formatv(
          "{0}:{1}: expected 'file,...,class' (the sample's file name first)",
          file, lineNo));
    StringRef name = fields.front().trim();
    auto [it, inserted] = byName.try_emplace(name, label, lineNo);
    if (!inserted)
      return makeError(llvm::formatv("{0}:{1}: second label for '{2}' (first "
                                     "on line {3})",
                                     file, lineNo, name, it->second.second));
  }
  if (!names) {
    if (inOrder.size() != count)
      return makeError(llvm::formatv("{0}: {1} labels for {2} samples", file,
                                     inOrder.size(), count));
    return inOrder;
  }
  std::vector<int64_t> labels;
  labels.reserve(names->size());
  for (const std::string &name : *names) {
    auto it = byName.find(name);
    if (it == byName.end())
      return makeError(file + ": no label for sample '" + name + "'");
    labels.push_back(it->second.first);
  }
  if (byName.size() != names->size()) {
    // Name the first line whose file is not a sample.
    std::set<StringRef> known(names->begin(), names->end());
    unsigned firstLine = ~0u;
    StringRef firstName;
    for (const auto &entry : byName)
      if (!known.count(entry.getKey()) && entry.getValue().second < firstLine) {
        firstLine = entry.getValue().second;
        firstName = entry.getKey();
      }
    return makeError(llvm::formatv("{0}:{1}: '{2}' is not a sample of the "
                                   "dataset",
                                   file, firstLine, firstName));
  }
  return labels;
}

llvm::Error Dataset::Impl::loadLabels(StringRef spec,
                                      std::optional<std::string> labelKey) {
  Impl &impl = *this;
  if (!labelKey)
    return llvm::Error::success();
  if (impl.kind == Dataset::Kind::Npz) {
    // A member of the archive?
    for (auto it = impl.arrays.begin(); it != impl.arrays.end(); ++it)
      if (it->name == *labelKey) {
        std::string source = impl.path + ":" + it->name;
        llvm::Expected<std::vector<int64_t>> labels =
            labelsFromTensor(it->tensor, impl.count, source);
        if (!labels)
          return labels.takeError();
        impl.labels = std::move(*labels);
        impl.labelSource = "member '" + it->name + "'";
        impl.arrays.erase(it);
        return llvm::Error::success();
      }
  }
  llvm::SmallString<256> file(*labelKey);
  if (llvm::sys::path::is_relative(file)) {
    file = impl.getBaseFolder();
    llvm::sys::path::append(file, *labelKey);
  }
  auto buffer = readWholeFile(file);
  if (!buffer)
    return makeError("dataset '" + spec +
                     "': labels: " + llvm::toString(buffer.takeError()));
  llvm::ArrayRef<uint8_t> bytes = asBytes(**buffer);
  llvm::Expected<std::vector<int64_t>> labels = std::vector<int64_t>();
  if (hasNpyMagic(bytes) || hasIdxMagic(bytes, 1) || hasGzipMagic(bytes)) {
    llvm::Expected<Tensor> tensor =
        hasNpyMagic(bytes) ? parseNpy(bytes, file) : parseIdx(bytes, file);
    if (!tensor)
      return tensor.takeError();
    labels = labelsFromTensor(*tensor, impl.count, file);
  } else {
    std::vector<std::string> names;
    bool byName = impl.kind == Dataset::Kind::NpyFolder ||
                  impl.kind == Dataset::Kind::RawFolder;
    if (byName)
      for (const std::string &path : impl.files)
        names.push_back(llvm::sys::path::filename(path).str());
    labels = parseLabelCsv((*buffer)->getBuffer(), file, impl.count,
                           byName ? &names : nullptr);
  }
  if (!labels)
    return labels.takeError();
  impl.labels = std::move(*labels);
  impl.labelSource = file.str().str();
  return llvm::Error::success();
}

/// Lists the regular files of `folder` whose name ends in `ext`, except
/// `exclude`, sorted by name.
static llvm::Expected<std::vector<std::string>>
listFiles(StringRef folder, StringRef ext, StringRef exclude) {
  std::vector<std::string> files;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(folder, ec), end; it != end && !ec;
       it.increment(ec)) {
    StringRef name = llvm::sys::path::filename(it->path());
    if (!name.ends_with(ext) || name == exclude)
      continue;
    llvm::sys::fs::file_status status;
    if (llvm::sys::fs::status(it->path(), status) ||
        !llvm::sys::fs::is_regular_file(status))
      continue;
    files.push_back(it->path());
  }
  if (ec)
    return makeError("cannot list '" + folder + "': " + ec.message());
  llvm::sort(files, [](const std::string &a, const std::string &b) {
    return llvm::sys::path::filename(a) < llvm::sys::path::filename(b);
  });
  if (files.empty())
    return makeError(folder + ": no '*" + ext + "' files");
  return files;
}

llvm::Expected<Dataset> Dataset::open(StringRef spec) {
  llvm::Expected<ParsedSpec> parsed = parseSpec(spec);
  if (!parsed)
    return parsed.takeError();
  auto impl = std::make_unique<Impl>();
  impl->kindName = parsed->kind;
  impl->path = parsed->path;
  auto key = [&](StringRef name) -> std::optional<std::string> {
    auto it = parsed->keys.find(name.str());
    if (it == parsed->keys.end())
      return std::nullopt;
    return it->second;
  };
  auto specError = [&](const llvm::Twine &message) {
    return makeError("dataset '" + spec + "': " + message);
  };

  // Keys shared by all kinds.
  if (std::optional<std::string> shape = key("shape")) {
    impl->shape = parseShape(*shape);
    if (!impl->shape)
      return specError("malformed shape '" + *shape +
                       "' (expected e.g. "
                       "1x49x10x1)");
  }
  if (std::optional<std::string> scale = key("scale")) {
    double value;
    if (StringRef(*scale).getAsDouble(value) || !(value > 0) ||
        !std::isfinite(value))
      return specError("scale '" + *scale +
                       "' is not a positive finite number");
    impl->scale = value;
  }
  if (std::optional<std::string> zeroPoint = key("zero_point")) {
    if (StringRef(*zeroPoint).getAsInteger(10, impl->zeroPoint))
      return specError("zero_point '" + *zeroPoint + "' is not an integer");
    if (!impl->scale)
      return specError("zero_point= needs scale=");
  }
  std::optional<std::string> labelKey = key("labels");

  StringRef kind = parsed->kind;
  if (kind == "npy" || kind == "npz" || kind == "idx") {
    impl->kind = kind == "npy"   ? Kind::Npy
                 : kind == "npz" ? Kind::Npz
                                 : Kind::Idx;
    auto buffer = readWholeFile(impl->path);
    if (!buffer)
      return specError(llvm::toString(buffer.takeError()));
    llvm::ArrayRef<uint8_t> bytes = asBytes(**buffer);
    if (impl->kind == Kind::Npy || impl->kind == Kind::Idx) {
      llvm::Expected<Tensor> tensor = impl->kind == Kind::Npy
                                          ? parseNpy(bytes, impl->path)
                                          : parseIdx(bytes, impl->path);
      if (!tensor)
        return tensor.takeError();
      impl->arrays.push_back({"x", std::move(*tensor)});
    } else {
      llvm::Expected<std::vector<NamedTensor>> tensors =
          parseNpz(bytes, impl->path);
      if (!tensors)
        return tensors.takeError();
      impl->arrays = std::move(*tensors);
      if (!labelKey && llvm::any_of(impl->arrays, [](const NamedTensor &t) {
            return t.name == "labels";
          }))
        labelKey = "labels";
    }
    if (impl->arrays.empty())
      return specError(impl->path + " holds no arrays");
    for (const NamedTensor &array : impl->arrays)
      if (array.tensor.getRank() == 0)
        return specError(impl->path + ": array '" + array.name +
                         "' is a scalar; the first dimension must index the "
                         "samples");
    impl->count =
        static_cast<size_t>(impl->arrays.front().tensor.getShape()[0]);
    for (const NamedTensor &array : impl->arrays)
      if (static_cast<size_t>(array.tensor.getShape()[0]) != impl->count)
        return specError(llvm::formatv(
            "{0}: arrays '{1}' and '{2}' have {3} and {4} samples (first "
            "dimension)",
            impl->path, impl->arrays.front().name, array.name, impl->count,
            array.tensor.getShape()[0]));
  } else {
    if (!llvm::sys::fs::is_directory(impl->path))
      return specError("'" + impl->path + "' is not a folder");
    bool raw = kind != "dir";
    impl->kind = raw ? Kind::RawFolder : Kind::NpyFolder;
    std::string ext = key("ext").value_or(raw ? ".bin" : ".npy");
    if (raw) {
      std::optional<std::string> dtype = key("dtype");
      if (!dtype)
        return specError("raw datasets need dtype= (f16 f32 f64 i8 u8 i16 "
                         "i32 i64)");
      std::optional<ElementKind> rawKind = parseElementKind(*dtype);
      if (!rawKind)
        return specError("unknown dtype '" + *dtype + "'");
      impl->rawKind = *rawKind;
      if (!impl->shape)
        return specError("raw datasets need shape= (the shape of one "
                         "sample, e.g. 1x49x10x1)");
      if (impl->scale && isFloatKind(impl->rawKind))
        return specError("scale= dequantizes integer samples; dtype is " +
                         *dtype);
    }
    llvm::Expected<std::vector<std::string>> files = listFiles(
        impl->path, ext,
        labelKey ? llvm::sys::path::filename(*labelKey) : StringRef());
    if (!files)
      return specError(llvm::toString(files.takeError()));
    impl->files = std::move(*files);
    impl->count = impl->files.size();
  }
  if (llvm::Error error = impl->loadLabels(spec, labelKey))
    return std::move(error);
  if (impl->shape && impl->arrays.size() > 1)
    return specError("shape= applies to datasets with one input");
  for (const NamedTensor &array : impl->arrays)
    if (impl->scale && isFloatKind(array.tensor.getKind()))
      return specError("scale= dequantizes integer samples; array '" +
                       array.name + "' holds " +
                       getElementKindName(array.tensor.getKind()));
  return Dataset(std::move(impl));
}

std::string Dataset::describe() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  switch (impl->kind) {
  case Kind::Npy:
    os << "npy file ";
    break;
  case Kind::Npz:
    os << "npz file ";
    break;
  case Kind::Idx:
    os << "idx file ";
    break;
  case Kind::NpyFolder:
    os << "folder of .npy files ";
    break;
  case Kind::RawFolder:
    os << impl->kindName << " folder of raw files ";
    break;
  }
  os << impl->path << ": " << impl->count << " samples";
  if (impl->kind == Kind::RawFolder)
    os << " of " << formatShape(*impl->shape) << " "
       << getElementKindName(impl->rawKind);
  else if (impl->shape)
    os << " reshaped to " << formatShape(*impl->shape);
  if (impl->scale)
    os << ", dequantized to f32 with scale "
       << llvm::format("%.9g", *impl->scale) << " and zero point "
       << impl->zeroPoint;
  if (hasLabels())
    os << ", labels from " << impl->labelSource;
  return text;
}

llvm::Expected<Tensor> Dataset::Impl::finishTensor(Tensor tensor,
                                                   StringRef sampleName) const {
  if (!scale)
    return tensor;
  if (isFloatKind(tensor.getKind()))
    return makeError(sampleName +
                     ": scale= dequantizes integer samples; it "
                     "holds " +
                     getElementKindName(tensor.getKind()));
  Tensor result(ElementKind::F32, tensor.getShape());
  for (int64_t i = 0, e = tensor.getNumElements(); i < e; ++i)
    result.setDouble(i, *scale *
                            static_cast<double>(tensor.getInt(i) - zeroPoint));
  return result;
}

/// A copy of `tensor` with shape `shape` (same element count).
static llvm::Expected<Tensor> reshaped(const Tensor &tensor,
                                       llvm::ArrayRef<int64_t> shape,
                                       StringRef sampleName) {
  std::optional<int64_t> count = getNumElements(shape);
  if (!count || *count != tensor.getNumElements())
    return makeError(llvm::formatv("{0}: {1} elements cannot take the shape "
                                   "{2}",
                                   sampleName, tensor.getNumElements(),
                                   formatShape(shape)));
  Tensor result(tensor.getKind(), shape);
  if (tensor.getByteSize())
    std::memcpy(result.getMutableBytes().data(), tensor.getBytes().data(),
                tensor.getByteSize());
  return result;
}

llvm::Expected<Sample> Dataset::getSample(size_t index) const {
  if (index >= impl->count)
    return makeError(llvm::formatv("sample {0} is outside the dataset's {1} "
                                   "samples",
                                   index, impl->count));
  Sample sample;
  if (!impl->labels.empty())
    sample.label = impl->labels[index];
  if (impl->kind == Kind::Npy || impl->kind == Kind::Npz ||
      impl->kind == Kind::Idx) {
    sample.name = impl->path + "[" + std::to_string(index) + "]";
    for (const NamedTensor &array : impl->arrays) {
      llvm::ArrayRef<int64_t> shape = array.tensor.getShape().drop_front();
      Tensor slice(array.tensor.getKind(), shape);
      size_t bytes = slice.getByteSize();
      if (bytes)
        std::memcpy(slice.getMutableBytes().data(),
                    array.tensor.getBytes().data() + index * bytes, bytes);
      sample.inputs.push_back(std::move(slice));
    }
  } else {
    const std::string &file = impl->files[index];
    sample.name = llvm::sys::path::filename(file).str();
    llvm::Expected<Tensor> tensor =
        impl->kind == Kind::RawFolder
            ? readRaw(file, *impl->shape, impl->rawKind)
            : readNpy(file);
    if (!tensor)
      return tensor.takeError();
    sample.inputs.push_back(std::move(*tensor));
  }
  for (Tensor &input : sample.inputs) {
    if (impl->shape && impl->kind != Kind::RawFolder) {
      llvm::Expected<Tensor> shaped =
          reshaped(input, *impl->shape, sample.name);
      if (!shaped)
        return shaped.takeError();
      input = std::move(*shaped);
    }
    llvm::Expected<Tensor> finished =
        impl->finishTensor(std::move(input), sample.name);
    if (!finished)
      return finished.takeError();
    input = std::move(*finished);
  }
  return sample;
}

llvm::Error runtime::conformSample(Sample &sample,
                                   llvm::ArrayRef<InputSignature> signature) {
  if (sample.inputs.size() != signature.size())
    return makeError(llvm::formatv("sample {0}: {1} input(s), the function "
                                   "takes {2}",
                                   sample.name, sample.inputs.size(),
                                   signature.size()));
  for (auto [i, input, expected] : llvm::enumerate(sample.inputs, signature)) {
    if (input.getKind() != expected.kind)
      return makeError(llvm::formatv(
          "sample {0}: input #{1} is {2}, the function expects {3} (use "
          "scale=/zero_point= to dequantize integer data)",
          sample.name, i, input.describe(),
          formatShape(expected.shape) + "x" +
              getElementKindName(expected.kind).str()));
    if (input.getShape() == llvm::ArrayRef<int64_t>(expected.shape))
      continue;
    if (input.getNumElements() != getNumElements(expected.shape))
      return makeError(llvm::formatv(
          "sample {0}: input #{1} is {2}, the function expects {3}",
          sample.name, i, input.describe(),
          formatShape(expected.shape) + "x" +
              getElementKindName(expected.kind).str()));
    llvm::Expected<Tensor> shaped =
        reshaped(input, expected.shape, sample.name);
    if (!shaped)
      return shaped.takeError();
    input = std::move(*shaped);
  }
  return llvm::Error::success();
}
