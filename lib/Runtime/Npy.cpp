//===- Npy.cpp - .npy and raw tensor files --------------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// The .npy format: the magic "\x93NUMPY", a major and a minor version byte, a
// little-endian header length (2 bytes in version 1, 4 bytes in versions 2
// and 3), then an ASCII (version 3: UTF-8) Python dict literal with the keys
// 'descr', 'fortran_order' and 'shape', padded with spaces and a newline so
// that the data starts at a multiple of 64 bytes; then the raw data.
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/TensorIO.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace hwq;
using namespace hwq::runtime;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// `text` with non-printable bytes escaped, for messages quoting file bytes.
static std::string escape(StringRef text) {
  std::string escaped;
  llvm::raw_string_ostream os(escaped);
  llvm::printEscapedString(text, os);
  return escaped;
}

static const char kNpyMagic[] = "\x93NUMPY";
static constexpr size_t kNpyMagicSize = 6;

//===----------------------------------------------------------------------===//
// Header dictionary
//===----------------------------------------------------------------------===//

namespace {
/// The three fields of a .npy header.
struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  llvm::SmallVector<int64_t> shape;
};

/// A tiny recursive-descent parser for the Python literal numpy writes.
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : text(text) {}

  llvm::Expected<NpyHeader> parse() {
    NpyHeader header;
    bool haveDescr = false, haveOrder = false, haveShape = false;
    skipSpace();
    if (!consume('{'))
      return error("expected '{'");
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      std::string key;
      if (!parseString(key))
        return error("expected a quoted key");
      skipSpace();
      if (!consume(':'))
        return error("expected ':' after '" + escape(key) + "'");
      skipSpace();
      if (key == "descr") {
        if (!parseString(header.descr))
          return error("'descr' must be a string");
        haveDescr = true;
      } else if (key == "fortran_order") {
        if (text.consume_front("True"))
          header.fortranOrder = true;
        else if (text.consume_front("False"))
          header.fortranOrder = false;
        else
          return error("'fortran_order' must be True or False");
        haveOrder = true;
      } else if (key == "shape") {
        if (!parseShapeTuple(header.shape))
          return error("'shape' must be a tuple of non-negative integers");
        haveShape = true;
      } else {
        return error("unexpected key '" + escape(key) + "'");
      }
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume('}'))
        break;
      return error("expected ',' or '}'");
    }
    if (!haveDescr || !haveOrder || !haveShape)
      return error("the header must have 'descr', 'fortran_order' and "
                   "'shape'");
    return header;
  }

private:
  llvm::Error error(const llvm::Twine &message) {
    return makeError("malformed .npy header: " + message);
  }
  void skipSpace() { text = text.ltrim(" \t\r\n"); }
  bool consume(char c) { return text.consume_front(StringRef(&c, 1)); }

  bool parseString(std::string &out) {
    if (text.empty() || (text.front() != '\'' && text.front() != '"'))
      return false;
    char quote = text.front();
    size_t end = text.find(quote, 1);
    if (end == StringRef::npos)
      return false;
    out = text.substr(1, end - 1).str();
    text = text.drop_front(end + 1);
    return true;
  }

  bool parseShapeTuple(llvm::SmallVectorImpl<int64_t> &shape) {
    if (!consume('('))
      return false;
    while (true) {
      skipSpace();
      if (consume(')'))
        return true;
      size_t digits = 0;
      while (digits < text.size() && llvm::isDigit(text[digits]))
        ++digits;
      // numpy 1.x on some platforms writes `3L`.
      int64_t dim;
      if (digits == 0 || digits > 18 ||
          text.substr(0, digits).getAsInteger(10, dim))
        return false;
      text = text.drop_front(digits);
      text.consume_front("L");
      shape.push_back(dim);
      skipSpace();
      if (consume(','))
        continue;
      skipSpace();
      if (consume(')'))
        return true;
      return false;
    }
  }

  StringRef text;
};
} // namespace

/// Maps a numpy type string ('<f4', '|u1', ...) to an element kind.
static llvm::Expected<ElementKind> parseDescr(StringRef descr) {
  StringRef code = descr;
  char order = '=';
  if (!code.empty() && StringRef("<>|=").contains(code.front())) {
    order = code.front();
    code = code.drop_front();
  }
  std::optional<ElementKind> kind =
      llvm::StringSwitch<std::optional<ElementKind>>(code)
          .Case("f2", ElementKind::F16)
          .Case("f4", ElementKind::F32)
          .Case("f8", ElementKind::F64)
          .Cases({"i1", "b"}, ElementKind::I8)
          .Cases({"u1", "B"}, ElementKind::U8)
          .Case("i2", ElementKind::I16)
          .Case("i4", ElementKind::I32)
          .Case("i8", ElementKind::I64)
          .Default(std::nullopt);
  if (!kind)
    return makeError("unsupported dtype '" + escape(descr) +
                     "' (supported: float16, float32, float64, int8, uint8, "
                     "int16, int32, int64)");
  if (order == '>' && getElementSize(*kind) > 1)
    return makeError("big-endian dtype '" + escape(descr) +
                     "' is not supported");
  return *kind;
}

static llvm::Error withName(llvm::Error error, StringRef name) {
  if (!error)
    return error;
  std::string message = llvm::toString(std::move(error));
  return makeError(name + ": " + message);
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

static llvm::Expected<Tensor> parseNpyImpl(llvm::ArrayRef<uint8_t> bytes) {
  if (bytes.size() < kNpyMagicSize + 2 ||
      std::memcmp(bytes.data(), kNpyMagic, kNpyMagicSize) != 0) {
    if (bytes.size() < kNpyMagicSize + 2 &&
        std::memcmp(bytes.data(), kNpyMagic,
                    std::min(bytes.size(), kNpyMagicSize)) == 0)
      return makeError("truncated .npy file (" + llvm::Twine(bytes.size()) +
                       " bytes)");
    return makeError("not a .npy file (bad magic)");
  }
  uint8_t major = bytes[6];
  size_t lengthBytes;
  if (major == 1)
    lengthBytes = 2;
  else if (major == 2 || major == 3)
    lengthBytes = 4;
  else
    return makeError("unsupported .npy format version " +
                     llvm::Twine(unsigned(major)) + "." +
                     llvm::Twine(unsigned(bytes[7])));
  size_t prefix = kNpyMagicSize + 2 + lengthBytes;
  if (bytes.size() < prefix)
    return makeError("truncated .npy header");
  uint64_t headerLength = 0;
  for (size_t i = 0; i < lengthBytes; ++i)
    headerLength |= static_cast<uint64_t>(bytes[8 + i]) << (8 * i);
  if (bytes.size() - prefix < headerLength)
    return makeError("truncated .npy header: it declares " +
                     llvm::Twine(headerLength) + " bytes, the file has " +
                     llvm::Twine(bytes.size() - prefix));
  StringRef headerText(reinterpret_cast<const char *>(bytes.data() + prefix),
                       headerLength);
  llvm::Expected<NpyHeader> header = HeaderParser(headerText).parse();
  if (!header)
    return header.takeError();
  if (header->fortranOrder)
    return makeError("Fortran-order (column-major) arrays are not supported; "
                     "save a C-order array (numpy.ascontiguousarray)");
  llvm::Expected<ElementKind> kind = parseDescr(header->descr);
  if (!kind)
    return kind.takeError();
  std::optional<int64_t> count = getNumElements(header->shape);
  if (!count)
    return makeError("shape " + formatShape(header->shape) + " is too large");
  uint64_t needed = static_cast<uint64_t>(*count) * getElementSize(*kind);
  uint64_t available = bytes.size() - prefix - headerLength;
  if (available < needed)
    return makeError(llvm::formatv(
        "truncated .npy file: shape {0} of {1} needs {2} data bytes, the file "
        "has {3}",
        formatShape(header->shape), getElementKindName(*kind), needed,
        available));
  if (available > needed)
    return makeError(llvm::formatv(
        "malformed .npy file: shape {0} of {1} needs {2} data bytes, the file "
        "has {3} (trailing data)",
        formatShape(header->shape), getElementKindName(*kind), needed,
        available));
  Tensor tensor(*kind, header->shape);
  if (needed)
    std::memcpy(tensor.getMutableBytes().data(),
                bytes.data() + prefix + headerLength, needed);
  return tensor;
}

llvm::Expected<Tensor> runtime::parseNpy(llvm::ArrayRef<uint8_t> bytes,
                                         StringRef name) {
  llvm::Expected<Tensor> tensor = parseNpyImpl(bytes);
  if (!tensor)
    return withName(tensor.takeError(), name);
  return tensor;
}

std::vector<uint8_t> runtime::serializeNpy(const Tensor &tensor) {
  std::string dict;
  llvm::raw_string_ostream os(dict);
  StringRef code;
  switch (tensor.getKind()) {
  case ElementKind::F16:
    code = "<f2";
    break;
  case ElementKind::F32:
    code = "<f4";
    break;
  case ElementKind::F64:
    code = "<f8";
    break;
  case ElementKind::I8:
    code = "|i1";
    break;
  case ElementKind::U8:
    code = "|u1";
    break;
  case ElementKind::I16:
    code = "<i2";
    break;
  case ElementKind::I32:
    code = "<i4";
    break;
  case ElementKind::I64:
    code = "<i8";
    break;
  }
  os << "{'descr': '" << code << "', 'fortran_order': False, 'shape': (";
  for (int64_t dim : tensor.getShape())
    os << dim << (tensor.getRank() == 1 ? "," : ", ");
  if (tensor.getRank() > 1)
    dict.resize(dict.size() - 2);
  os << "), }";
  // Pad so that the data starts on a 64-byte boundary; end with '\n'.
  size_t prefix = kNpyMagicSize + 2 + 2;
  if (prefix + dict.size() + 1 > 65535)
    prefix = kNpyMagicSize + 2 + 4;
  size_t total = prefix + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict.push_back('\n');

  std::vector<uint8_t> bytes(kNpyMagic, kNpyMagic + kNpyMagicSize);
  bool v2 = prefix == kNpyMagicSize + 2 + 4;
  bytes.push_back(v2 ? 2 : 1);
  bytes.push_back(0);
  uint64_t length = dict.size();
  for (size_t i = 0; i < (v2 ? 4u : 2u); ++i)
    bytes.push_back(static_cast<uint8_t>(length >> (8 * i)));
  bytes.insert(bytes.end(), dict.begin(), dict.end());
  llvm::ArrayRef<uint8_t> data = tensor.getBytes();
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

/// Reads a whole file, with a message naming it on failure.
static llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readFile(StringRef path) {
  if (llvm::sys::fs::is_directory(path))
    return makeError("cannot read '" + path + "': it is a directory");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
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

static llvm::Error writeFile(StringRef path, llvm::ArrayRef<uint8_t> bytes) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return makeError("cannot write '" + path + "': " + ec.message());
  os.write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
  os.close();
  if (os.has_error())
    return makeError("cannot write '" + path + "': " + os.error().message());
  return llvm::Error::success();
}

llvm::Expected<Tensor> runtime::readNpy(StringRef path) {
  auto buffer = readFile(path);
  if (!buffer)
    return buffer.takeError();
  return parseNpy(asBytes(**buffer), path);
}

llvm::Expected<std::vector<NamedTensor>> runtime::readNpz(StringRef path) {
  auto buffer = readFile(path);
  if (!buffer)
    return buffer.takeError();
  return parseNpz(asBytes(**buffer), path);
}

llvm::Expected<Tensor> runtime::readRaw(StringRef path,
                                        llvm::ArrayRef<int64_t> shape,
                                        ElementKind kind) {
  std::optional<int64_t> count = getNumElements(shape);
  if (!count)
    return makeError(path + ": invalid shape " + formatShape(shape));
  auto buffer = readFile(path);
  if (!buffer)
    return buffer.takeError();
  uint64_t needed = static_cast<uint64_t>(*count) * getElementSize(kind);
  uint64_t size = (*buffer)->getBufferSize();
  if (size != needed)
    return makeError(llvm::formatv(
        "{0}: raw file has {1} bytes, shape {2} of {3} needs {4}", path, size,
        formatShape(shape), getElementKindName(kind), needed));
  Tensor tensor(kind, shape);
  if (needed)
    std::memcpy(tensor.getMutableBytes().data(), (*buffer)->getBufferStart(),
                needed);
  return tensor;
}

llvm::Error runtime::writeNpy(StringRef path, const Tensor &tensor) {
  return writeFile(path, serializeNpy(tensor));
}

llvm::Error runtime::writeNpz(StringRef path,
                              llvm::ArrayRef<NamedTensor> tensors) {
  for (const NamedTensor &named : tensors)
    if (named.tensor.getByteSize() > 0xFFFF0000ull)
      return makeError("cannot write '" + path + "': array '" + named.name +
                       "' is 4 GiB or larger (zip64 is not written)");
  return writeFile(path, serializeNpz(tensors));
}

llvm::Error runtime::writeRaw(StringRef path, const Tensor &tensor) {
  return writeFile(path, tensor.getBytes());
}

//===----------------------------------------------------------------------===//
// Command-line specifications
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<NamedTensor>>
runtime::readTensorsFromSpec(StringRef spec) {
  // FILE:SHAPE:KIND, recognized only when both trailing fields parse, so that
  // file names with colons still work as .npy/.npz paths.
  auto [rest, kindText] = spec.rsplit(':');
  auto [path, shapeText] = rest.rsplit(':');
  if (!kindText.empty() && kindText != spec && !shapeText.empty() &&
      shapeText != rest) {
    std::optional<ElementKind> kind = parseElementKind(kindText);
    std::optional<llvm::SmallVector<int64_t>> shape = parseShape(shapeText);
    if (!kind)
      return makeError("input '" + spec + "': unknown element type '" +
                       kindText +
                       "' (expected f16, f32, f64, i8, u8, i16, "
                       "i32 or i64)");
    if (!shape)
      return makeError("input '" + spec + "': malformed shape '" + shapeText +
                       "' (expected e.g. 1x49x10x1)");
    llvm::Expected<Tensor> tensor = readRaw(path, *shape, *kind);
    if (!tensor)
      return tensor.takeError();
    std::vector<NamedTensor> result;
    result.push_back({llvm::sys::path::stem(path).str(), std::move(*tensor)});
    return result;
  }

  auto buffer = readFile(spec);
  if (!buffer)
    return buffer.takeError();
  llvm::ArrayRef<uint8_t> bytes = asBytes(**buffer);
  if (bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K')
    return parseNpz(bytes, spec);
  if (bytes.size() >= 1 && bytes[0] == 0x93) {
    llvm::Expected<Tensor> tensor = parseNpy(bytes, spec);
    if (!tensor)
      return tensor.takeError();
    std::vector<NamedTensor> result;
    result.push_back({llvm::sys::path::stem(spec).str(), std::move(*tensor)});
    return result;
  }
  return makeError(spec + ": not a .npy or .npz file (bad magic); give raw "
                          "binaries as FILE:SHAPE:TYPE, e.g. x.bin:1x8:i8");
}

llvm::Error runtime::writeTensorsToPath(StringRef path,
                                        llvm::ArrayRef<NamedTensor> tensors) {
  StringRef extension = llvm::sys::path::extension(path);
  if (extension == ".npz")
    return writeNpz(path, tensors);
  if (extension != ".npy" && extension != ".bin" && extension != ".raw")
    return makeError("cannot write '" + path +
                     "': unknown extension (use .npy, .npz or .bin)");
  if (tensors.size() != 1)
    return makeError(llvm::formatv(
        "cannot write {0} tensors to '{1}': a {2} file holds one; use .npz",
        tensors.size(), path, extension));
  if (extension == ".npy")
    return writeNpy(path, tensors.front().tensor);
  return writeRaw(path, tensors.front().tensor);
}
