//===- Npz.cpp - .npz archives --------------------------------------------===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// An .npz file is a zip archive whose members are .npy files. The reader
// walks the central directory (zip64 records included, as numpy writes them),
// accepts stored (numpy.savez) and deflated (numpy.savez_compressed) members,
// and checks each member's CRC-32. The writer produces stored members.
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/TensorIO.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <zlib.h>

using namespace hwq;
using namespace hwq::runtime;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

namespace {
constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kZip64EndSig = 0x06064b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;

/// Bounds-checked little-endian reads from the archive bytes.
class Reader {
public:
  explicit Reader(llvm::ArrayRef<uint8_t> bytes) : bytes(bytes) {}
  bool has(uint64_t offset, uint64_t size) const {
    return offset <= bytes.size() && size <= bytes.size() - offset;
  }
  uint64_t read(uint64_t offset, unsigned size) const {
    uint64_t value = 0;
    for (unsigned i = 0; i < size; ++i)
      value |= static_cast<uint64_t>(bytes[offset + i]) << (8 * i);
    return value;
  }
  uint16_t u16(uint64_t offset) const { return read(offset, 2); }
  uint32_t u32(uint64_t offset) const { return read(offset, 4); }
  uint64_t u64(uint64_t offset) const { return read(offset, 8); }
  llvm::ArrayRef<uint8_t> slice(uint64_t offset, uint64_t size) const {
    return bytes.slice(offset, size);
  }
  uint64_t size() const { return bytes.size(); }

private:
  llvm::ArrayRef<uint8_t> bytes;
};

/// Inflates a raw deflate stream into exactly `size` bytes.
llvm::Expected<std::vector<uint8_t>> inflateRaw(llvm::ArrayRef<uint8_t> input,
                                                uint64_t size) {
  std::vector<uint8_t> output(size);
  z_stream stream = {};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
    return makeError("cannot initialize zlib");
  stream.next_in = const_cast<Bytef *>(input.data());
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = output.data();
  stream.avail_out = static_cast<uInt>(size);
  int status = inflate(&stream, Z_FINISH);
  uint64_t produced = stream.total_out;
  inflateEnd(&stream);
  if (status != Z_STREAM_END || produced != size)
    return makeError("corrupt deflate data");
  return output;
}
} // namespace

llvm::Expected<std::vector<NamedTensor>>
runtime::parseNpz(llvm::ArrayRef<uint8_t> bytes, StringRef name) {
  Reader in(bytes);
  auto fail = [&](const llvm::Twine &message) {
    return makeError(name + ": " + message);
  };

  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  if (in.size() < 22)
    return fail("truncated .npz archive (no end-of-central-directory record)");
  uint64_t end = in.size() - 22;
  uint64_t lowest = end > 65535 ? end - 65535 : 0;
  bool found = false;
  for (uint64_t pos = end + 1; pos-- > lowest;) {
    if (in.u32(pos) == kEndSig) {
      end = pos;
      found = true;
      break;
    }
  }
  if (!found)
    return fail("truncated or malformed .npz archive (no "
                "end-of-central-directory record)");
  uint64_t entries = in.u16(end + 10);
  uint64_t directorySize = in.u32(end + 12);
  uint64_t directoryOffset = in.u32(end + 16);
  if (entries == 0xFFFF || directoryOffset == 0xFFFFFFFF ||
      directorySize == 0xFFFFFFFF) {
    // Zip64: the locator sits right before the end record.
    if (end < 20 || in.u32(end - 20) != kZip64LocatorSig)
      return fail("malformed zip64 archive (no zip64 locator)");
    uint64_t zip64End = in.u64(end - 20 + 8);
    if (!in.has(zip64End, 56) || in.u32(zip64End) != kZip64EndSig)
      return fail("malformed zip64 archive (bad zip64 end record)");
    entries = in.u64(zip64End + 32);
    directorySize = in.u64(zip64End + 40);
    directoryOffset = in.u64(zip64End + 48);
  }
  if (!in.has(directoryOffset, directorySize))
    return fail("truncated .npz archive (central directory out of bounds)");

  std::vector<NamedTensor> result;
  uint64_t pos = directoryOffset;
  for (uint64_t entry = 0; entry < entries; ++entry) {
    if (!in.has(pos, 46) || in.u32(pos) != kCentralHeaderSig)
      return fail("malformed .npz archive (bad central directory entry)");
    uint16_t flags = in.u16(pos + 8);
    uint16_t method = in.u16(pos + 10);
    uint32_t crc = in.u32(pos + 16);
    uint64_t compressedSize = in.u32(pos + 20);
    uint64_t size = in.u32(pos + 24);
    uint16_t nameLength = in.u16(pos + 28);
    uint16_t extraLength = in.u16(pos + 30);
    uint16_t commentLength = in.u16(pos + 32);
    uint64_t localOffset = in.u32(pos + 42);
    if (!in.has(pos + 46, uint64_t(nameLength) + extraLength + commentLength))
      return fail("truncated .npz archive (central directory entry)");
    llvm::ArrayRef<uint8_t> nameBytes = in.slice(pos + 46, nameLength);
    std::string rawName(nameBytes.begin(), nameBytes.end());
    std::string member;
    {
      // Quoted in messages: escape bytes that are not printable.
      llvm::raw_string_ostream os(member);
      llvm::printEscapedString(rawName, os);
    }

    // Zip64 extra field: the 64-bit values of the saturated fields, in order.
    uint64_t extra = pos + 46 + nameLength, extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      uint16_t id = in.u16(extra), length = in.u16(extra + 2);
      if (extra + 4 + length > extraEnd)
        break;
      if (id == 0x0001) {
        uint64_t field = extra + 4, fieldEnd = field + length;
        for (uint64_t *value : {&size, &compressedSize, &localOffset}) {
          if (*value != 0xFFFFFFFF)
            continue;
          if (field + 8 > fieldEnd)
            return fail("malformed zip64 extra field of '" + member + "'");
          *value = in.u64(field);
          field += 8;
        }
      }
      extra += 4 + length;
    }
    pos += 46 + uint64_t(nameLength) + extraLength + commentLength;

    if (flags & 1)
      return fail("member '" + member + "' is encrypted");
    if (!StringRef(rawName).ends_with(".npy"))
      return fail("member '" + member + "' is not a .npy array");

    if (!in.has(localOffset, 30) || in.u32(localOffset) != kLocalHeaderSig)
      return fail("malformed .npz archive (bad local header of '" + member +
                  "')");
    uint64_t dataOffset =
        localOffset + 30 + in.u16(localOffset + 26) + in.u16(localOffset + 28);
    if (!in.has(dataOffset, compressedSize))
      return fail("truncated .npz archive (data of '" + member + "')");
    llvm::ArrayRef<uint8_t> data = in.slice(dataOffset, compressedSize);

    std::vector<uint8_t> inflated;
    if (method == 8) {
      if (size > (uint64_t(1) << 40))
        return fail("member '" + member + "' is too large");
      // Deflate expands at most 1032:1: a larger declared size is corrupt
      // (and must not be allocated).
      if (size > compressedSize * 1032 + 1024)
        return fail(llvm::formatv("member '{0}' declares {1} bytes, more "
                                  "than its {2} deflated bytes can hold",
                                  member, size, compressedSize));
      auto expanded = inflateRaw(data, size);
      if (!expanded)
        return fail("member '" + member +
                    "': " + llvm::toString(expanded.takeError()));
      inflated = std::move(*expanded);
      data = inflated;
    } else if (method == 0) {
      if (compressedSize != size)
        return fail("malformed .npz archive (stored member '" + member +
                    "' has different sizes)");
    } else {
      return fail(llvm::formatv("member '{0}' uses compression method {1}; "
                                "only stored (0) and deflate (8) are "
                                "supported",
                                member, method));
    }
    if (llvm::crc32(data) != crc)
      return fail("member '" + member +
                  "' fails its CRC-32 check (corrupt "
                  "archive)");
    std::string arrayName = StringRef(rawName).drop_back(4).str();
    std::string label = (name + ":" + arrayName).str();
    llvm::Expected<Tensor> tensor = parseNpy(data, label);
    if (!tensor)
      return tensor.takeError();
    result.push_back({arrayName, std::move(*tensor)});
  }
  return result;
}

std::vector<uint8_t>
runtime::serializeNpz(llvm::ArrayRef<NamedTensor> tensors) {
  std::vector<uint8_t> out, directory;
  auto put = [](std::vector<uint8_t> &buffer, uint64_t value, unsigned size) {
    for (unsigned i = 0; i < size; ++i)
      buffer.push_back(static_cast<uint8_t>(value >> (8 * i)));
  };
  const uint16_t dosTime = 0, dosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const NamedTensor &named : tensors) {
    std::string member = named.name + ".npy";
    std::vector<uint8_t> data = serializeNpy(named.tensor);
    uint32_t crc = llvm::crc32(data);
    uint64_t offset = out.size();
    // Local file header.
    put(out, kLocalHeaderSig, 4);
    put(out, 20, 2); // version needed
    put(out, 0, 2);  // flags
    put(out, 0, 2);  // stored
    put(out, dosTime, 2);
    put(out, dosDate, 2);
    put(out, crc, 4);
    put(out, data.size(), 4);
    put(out, data.size(), 4);
    put(out, member.size(), 2);
    put(out, 0, 2);
    out.insert(out.end(), member.begin(), member.end());
    out.insert(out.end(), data.begin(), data.end());
    // Central directory entry.
    put(directory, kCentralHeaderSig, 4);
    put(directory, 20, 2); // version made by
    put(directory, 20, 2); // version needed
    put(directory, 0, 2);
    put(directory, 0, 2);
    put(directory, dosTime, 2);
    put(directory, dosDate, 2);
    put(directory, crc, 4);
    put(directory, data.size(), 4);
    put(directory, data.size(), 4);
    put(directory, member.size(), 2);
    put(directory, 0, 2); // extra
    put(directory, 0, 2); // comment
    put(directory, 0, 2); // disk
    put(directory, 0, 2); // internal attributes
    put(directory, 0, 4); // external attributes
    put(directory, offset, 4);
    directory.insert(directory.end(), member.begin(), member.end());
  }
  uint64_t directoryOffset = out.size();
  out.insert(out.end(), directory.begin(), directory.end());
  put(out, kEndSig, 4);
  put(out, 0, 2);
  put(out, 0, 2);
  put(out, tensors.size(), 2);
  put(out, tensors.size(), 2);
  put(out, directory.size(), 4);
  put(out, directoryOffset, 4);
  put(out, 0, 2);
  return out;
}
