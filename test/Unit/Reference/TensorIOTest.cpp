//===- TensorIOTest.cpp - runtime tensors and tensor files ------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/TensorIO.h"

#include "llvm/Support/CRC.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cstring>
#include <string>
#include <zlib.h>

using namespace hwq::runtime;

namespace {

/// The message of an Expected that must have failed ("" when it succeeded).
template <typename T> std::string errorOf(llvm::Expected<T> value) {
  if (value)
    return "";
  return llvm::toString(value.takeError());
}

/// Builds .npy bytes by hand: magic, version, header length, header text
/// (padded like numpy), data.
std::vector<uint8_t> makeNpy(const std::string &dict, size_t dataBytes,
                             uint8_t major = 1) {
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', major, 0};
  size_t lengthBytes = major == 1 ? 2 : 4;
  std::string header = dict;
  size_t total = 8 + lengthBytes + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  for (size_t i = 0; i < lengthBytes; ++i)
    bytes.push_back(static_cast<uint8_t>(header.size() >> (8 * i)));
  bytes.insert(bytes.end(), header.begin(), header.end());
  for (size_t i = 0; i < dataBytes; ++i)
    bytes.push_back(static_cast<uint8_t>(i * 7 + 1));
  return bytes;
}

/// Every element kind survives serializeNpy + parseNpy bit for bit, with its
/// shape, including extreme values.
class NpyRoundTrip : public ::testing::TestWithParam<ElementKind> {};

TEST_P(NpyRoundTrip, PreservesShapeKindAndBits) {
  ElementKind kind = GetParam();
  Tensor tensor = makeRandomTensor(kind, {2, 3, 5}, /*seed=*/42);
  if (isFloatKind(kind)) {
    tensor.setDouble(0, -0.0);
    tensor.setDouble(1, 1e30);
  } else {
    tensor.setInt(0, getIntegerKindMin(kind));
    tensor.setInt(1, getIntegerKindMax(kind));
  }
  std::vector<uint8_t> bytes = serializeNpy(tensor);
  EXPECT_EQ((bytes.size() - tensor.getByteSize()) % 64, 0u)
      << "data must start on a 64-byte boundary";
  llvm::Expected<Tensor> parsed = parseNpy(bytes, "t.npy");
  ASSERT_TRUE(static_cast<bool>(parsed)) << errorOf(std::move(parsed));
  EXPECT_EQ(parsed->getKind(), kind);
  EXPECT_EQ(parsed->getShape(), tensor.getShape());
  ASSERT_EQ(parsed->getByteSize(), tensor.getByteSize());
  EXPECT_EQ(std::memcmp(parsed->getBytes().data(), tensor.getBytes().data(),
                        tensor.getByteSize()),
            0);
  if (!isFloatKind(kind)) {
    EXPECT_EQ(parsed->getInt(0), getIntegerKindMin(kind));
    EXPECT_EQ(parsed->getInt(1), getIntegerKindMax(kind));
  }
}

INSTANTIATE_TEST_SUITE_P(AllKinds, NpyRoundTrip,
                         ::testing::Values(ElementKind::F16, ElementKind::F32,
                                           ElementKind::F64, ElementKind::I8,
                                           ElementKind::U8, ElementKind::I16,
                                           ElementKind::I32, ElementKind::I64),
                         [](const auto &info) {
                           return getElementKindName(info.param).str();
                         });

TEST(Npy, ScalarAndOneDimensionalHeaders) {
  Tensor scalar(ElementKind::F64, {});
  scalar.setDouble(0, 2.5);
  llvm::Expected<Tensor> parsed = parseNpy(serializeNpy(scalar), "s.npy");
  ASSERT_TRUE(static_cast<bool>(parsed)) << errorOf(std::move(parsed));
  EXPECT_EQ(parsed->getRank(), 0);
  EXPECT_EQ(parsed->getDouble(0), 2.5);

  // numpy writes a 1-D shape as "(4,)"; version 2 headers use 4 length bytes.
  std::vector<uint8_t> v2 = makeNpy(
      "{'descr': '<i2', 'fortran_order': False, 'shape': (4,), }", 8, 2);
  llvm::Expected<Tensor> fromV2 = parseNpy(v2, "v2.npy");
  ASSERT_TRUE(static_cast<bool>(fromV2)) << errorOf(std::move(fromV2));
  EXPECT_EQ(fromV2->getKind(), ElementKind::I16);
  EXPECT_EQ(fromV2->getShape(), llvm::ArrayRef<int64_t>({4}));
  EXPECT_EQ(fromV2->getInt(0), 1 | (8 << 8)); // bytes 1, 8
}

TEST(Npy, MalformedFilesGiveClearErrors) {
  std::string good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, "
                     "3), }";
  struct Case {
    std::vector<uint8_t> bytes;
    const char *expected;
  } cases[] = {
      {{'N', 'O', 'T', 'N', 'P', 'Y', 1, 0, 0, 0}, "bad magic"},
      {{0x93, 'N', 'U', 'M'}, "truncated"},
      {makeNpy(good, 23), "truncated .npy file: shape 2x3 of f32 needs 24"},
      {makeNpy(good, 25), "trailing data"},
      {makeNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
               24),
       "Fortran-order"},
      {makeNpy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", 16),
       "unsupported dtype '<c8'"},
      {makeNpy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8),
       "big-endian"},
      {makeNpy("{'descr': '<f4', 'shape': (2,), }", 8), "must have"},
      {makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }",
               8),
       "'shape' must be a tuple"},
      {makeNpy(good, 24, /*major=*/9), "unsupported .npy format version 9"},
  };
  for (Case &c : cases) {
    std::string message = errorOf(parseNpy(c.bytes, "bad.npy"));
    EXPECT_NE(message.find(c.expected), std::string::npos)
        << "got '" << message << "', expected '" << c.expected << "'";
    EXPECT_EQ(message.rfind("bad.npy: ", 0), 0u) << message;
  }
  // A header that claims more bytes than the file has.
  std::vector<uint8_t> cut = makeNpy(good, 24);
  cut.resize(30);
  EXPECT_NE(errorOf(parseNpy(cut, "cut.npy")).find("truncated .npy header"),
            std::string::npos);
}

TEST(Npz, RoundTripKeepsNamesAndOrder) {
  std::vector<NamedTensor> tensors;
  tensors.push_back({"zeta", makeRandomTensor(ElementKind::F32, {3, 4}, 1)});
  tensors.push_back({"alpha", makeRandomTensor(ElementKind::I8, {5}, 2)});
  tensors.push_back({"mid", makeRandomTensor(ElementKind::I64, {}, 3)});
  std::vector<uint8_t> bytes = serializeNpz(tensors);
  llvm::Expected<std::vector<NamedTensor>> parsed = parseNpz(bytes, "a.npz");
  ASSERT_TRUE(static_cast<bool>(parsed)) << errorOf(std::move(parsed));
  ASSERT_EQ(parsed->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*parsed)[i].name, tensors[i].name);
    EXPECT_EQ((*parsed)[i].tensor.getKind(), tensors[i].tensor.getKind());
    EXPECT_EQ((*parsed)[i].tensor.getShape(), tensors[i].tensor.getShape());
    EXPECT_EQ((*parsed)[i].tensor.getBytes(), tensors[i].tensor.getBytes());
  }
}

/// Builds a one-member zip whose member is deflate-compressed (what
/// numpy.savez_compressed writes).
std::vector<uint8_t> makeDeflatedNpz(const std::vector<uint8_t> &npy) {
  z_stream stream = {};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
               Z_DEFAULT_STRATEGY);
  std::vector<uint8_t> compressed(deflateBound(&stream, npy.size()));
  stream.next_in = const_cast<Bytef *>(npy.data());
  stream.avail_in = npy.size();
  stream.next_out = compressed.data();
  stream.avail_out = compressed.size();
  deflate(&stream, Z_FINISH);
  compressed.resize(stream.total_out);
  deflateEnd(&stream);

  std::vector<uint8_t> out;
  auto put = [&](uint64_t v, unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      out.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  std::string name = "x.npy";
  uint32_t crc = llvm::crc32(npy);
  put(0x04034b50, 4);
  put(20, 2), put(0, 2), put(8, 2), put(0, 2), put(0, 2);
  put(crc, 4), put(compressed.size(), 4), put(npy.size(), 4);
  put(name.size(), 2), put(0, 2);
  out.insert(out.end(), name.begin(), name.end());
  out.insert(out.end(), compressed.begin(), compressed.end());
  size_t directory = out.size();
  put(0x02014b50, 4);
  put(20, 2), put(20, 2), put(0, 2), put(8, 2), put(0, 2), put(0, 2);
  put(crc, 4), put(compressed.size(), 4), put(npy.size(), 4);
  put(name.size(), 2), put(0, 2), put(0, 2), put(0, 2), put(0, 2);
  put(0, 4), put(0, 4);
  out.insert(out.end(), name.begin(), name.end());
  size_t directorySize = out.size() - directory;
  put(0x06054b50, 4);
  put(0, 2), put(0, 2), put(1, 2), put(1, 2);
  put(directorySize, 4), put(directory, 4), put(0, 2);
  return out;
}

TEST(Npz, ReadsDeflatedMembersAndChecksCrc) {
  Tensor tensor(ElementKind::I32, {64});
  for (int64_t i = 0; i < 64; ++i)
    tensor.setInt(i, i % 5); // compressible
  std::vector<uint8_t> zip = makeDeflatedNpz(serializeNpy(tensor));
  llvm::Expected<std::vector<NamedTensor>> parsed = parseNpz(zip, "c.npz");
  ASSERT_TRUE(static_cast<bool>(parsed)) << errorOf(std::move(parsed));
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].name, "x");
  EXPECT_EQ((*parsed)[0].tensor.getInt(63), 63 % 5);

  // Corrupt the CRC in the central directory.
  std::vector<uint8_t> badCrc = zip;
  size_t directory = badCrc.size() - 22 - (46 + 5);
  badCrc[directory + 16] ^= 0xFF;
  EXPECT_NE(errorOf(parseNpz(badCrc, "c.npz")).find("CRC-32"),
            std::string::npos);

  // Truncated archives lose their end record.
  std::vector<uint8_t> cut(zip.begin(), zip.begin() + zip.size() / 2);
  EXPECT_NE(errorOf(parseNpz(cut, "c.npz")).find("truncated"),
            std::string::npos);
}

// Found by hwq-fuzz-tensor-io: a deflated member declaring a 2 GiB size made
// the reader allocate it before inflating. Sizes beyond deflate's 1032:1
// ratio are rejected up front.
TEST(Npz, RejectsDeflatedSizesBeyondTheDeflateRatio) {
  Tensor tensor(ElementKind::I8, {16});
  std::vector<uint8_t> zip = makeDeflatedNpz(serializeNpy(tensor));
  size_t directory = zip.size() - 22 - (46 + 5);
  for (size_t sizeField : {size_t(22), directory + 24})
    for (unsigned i = 0; i < 4; ++i)
      zip[sizeField + i] = static_cast<uint8_t>(0x80000084u >> (8 * i));
  std::string error = errorOf(parseNpz(zip, "big.npz"));
  EXPECT_NE(error.find("big.npz: member 'x.npy' declares 2147483780 bytes"),
            std::string::npos)
      << error;
}

TEST(RawFiles, SpecsReadRawBinariesAndCheckSizes) {
  llvm::SmallString<64> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("hwq-raw", "bin", path));
  Tensor tensor = makeRandomTensor(ElementKind::I8, {1, 4, 2}, 9);
  ASSERT_FALSE(static_cast<bool>(writeRaw(path, tensor)));

  llvm::Expected<std::vector<NamedTensor>> read =
      readTensorsFromSpec((path + ":1x4x2:i8").str());
  ASSERT_TRUE(static_cast<bool>(read)) << errorOf(std::move(read));
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].tensor.getBytes(), tensor.getBytes());

  std::string wrongSize =
      errorOf(readTensorsFromSpec((path + ":2x4x2:i8").str()));
  EXPECT_NE(wrongSize.find("raw file has 8 bytes, shape 2x4x2 of i8 needs 16"),
            std::string::npos)
      << wrongSize;
  std::string wrongKind = errorOf(readTensorsFromSpec((path + ":8:q7").str()));
  EXPECT_NE(wrongKind.find("unknown element type 'q7'"), std::string::npos)
      << wrongKind;
  // Without a SHAPE:TYPE suffix the raw file is not a .npy/.npz file.
  EXPECT_NE(errorOf(readTensorsFromSpec(path.str())).find("bad magic"),
            std::string::npos);
  llvm::sys::fs::remove(path);
  EXPECT_NE(errorOf(readTensorsFromSpec(path.str())).find("cannot open"),
            std::string::npos);
}

TEST(Tensor, ConversionsRoundAndSaturate) {
  Tensor i8(ElementKind::I8, {4});
  i8.setDouble(0, 2.5);  // ties to even
  i8.setDouble(1, -3.5); // ties to even
  i8.setDouble(2, 1000); // saturates
  i8.setInt(3, 0x1FF);   // keeps the low bits
  EXPECT_EQ(i8.getInt(0), 2);
  EXPECT_EQ(i8.getInt(1), -4);
  EXPECT_EQ(i8.getInt(2), 127);
  EXPECT_EQ(i8.getInt(3), -1);

  Tensor f16(ElementKind::F16, {2});
  f16.setDouble(0, 1.0 + 1.0 / 4096); // below half an f16 ulp: rounds to 1
  f16.setDouble(1, 65504);            // the largest f16
  EXPECT_EQ(f16.getDouble(0), 1.0);
  EXPECT_EQ(f16.getDouble(1), 65504.0);
  EXPECT_EQ(Tensor(ElementKind::F16, {2, 2}).describe(), "2x2xf16");
}

TEST(Tensor, RandomTensorsAreReproducibleAndInRange) {
  Tensor a = makeRandomTensor(ElementKind::F32, {100}, 7);
  Tensor b = makeRandomTensor(ElementKind::F32, {100}, 7);
  Tensor c = makeRandomTensor(ElementKind::F32, {100}, 8);
  EXPECT_EQ(a.getBytes(), b.getBytes());
  EXPECT_NE(a.getBytes(), c.getBytes());
  Tensor ints = makeRandomTensor(ElementKind::I32, {1000}, 3, -5, 5);
  bool sawLow = false, sawHigh = false;
  for (int64_t i = 0; i < 1000; ++i) {
    EXPECT_GE(ints.getInt(i), -5);
    EXPECT_LE(ints.getInt(i), 5);
    sawLow |= ints.getInt(i) == -5;
    sawHigh |= ints.getInt(i) == 5;
  }
  EXPECT_TRUE(sawLow && sawHigh);
  for (int64_t i = 0; i < 100; ++i) {
    EXPECT_GE(a.getDouble(i), -1.0);
    EXPECT_LT(a.getDouble(i), 1.0);
  }
}

TEST(Tensor, ShapeAndKindParsing) {
  EXPECT_EQ(parseShape("1x49x10x1"),
            std::optional<llvm::SmallVector<int64_t>>({1, 49, 10, 1}));
  EXPECT_EQ(parseShape("scalar")->size(), 0u);
  EXPECT_FALSE(parseShape("1x-2"));
  EXPECT_FALSE(parseShape("1xx2"));
  EXPECT_FALSE(parseShape(""));
  EXPECT_EQ(parseElementKind("uint8"), ElementKind::U8);
  EXPECT_EQ(parseElementKind("f32"), ElementKind::F32);
  EXPECT_FALSE(parseElementKind("bf16"));
}

} // namespace
