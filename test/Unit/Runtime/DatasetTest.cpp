//===- DatasetTest.cpp - datasets, labels and sample ranges -----*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Every dataset kind on files written into a fresh temporary folder, label
// files (CSV by name, CSV in order, .npy, npz member), the kws01 preset,
// sample ranges, fitting samples to a function signature, and the error
// messages of malformed input.
//
//===----------------------------------------------------------------------===//

#include "hwq/Runtime/Dataset.h"
#include "hwq/Runtime/TensorIO.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace hwq;
using namespace hwq::runtime;

namespace {

/// A temporary folder removed at the end of the test.
class DatasetTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("hwq-dataset", root));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(root); }

  /// `root/name`.
  std::string path(llvm::StringRef name) const {
    llvm::SmallString<256> result(root);
    llvm::sys::path::append(result, name);
    return result.str().str();
  }

  /// Writes `text` to `root/name` and returns the path.
  std::string writeText(llvm::StringRef name, llvm::StringRef text) {
    std::string file = path(name);
    std::error_code ec;
    llvm::raw_fd_ostream os(file, ec);
    EXPECT_FALSE(ec);
    os << text;
    return file;
  }

  /// Writes raw bytes to `root/name`.
  std::string writeBytes(llvm::StringRef name,
                         const std::vector<int8_t> &bytes) {
    std::string file = path(name);
    std::error_code ec;
    llvm::raw_fd_ostream os(file, ec);
    EXPECT_FALSE(ec);
    os.write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    return file;
  }

  /// A tensor whose element i is `start + i`.
  static Tensor iota(ElementKind kind, llvm::ArrayRef<int64_t> shape,
                     double start) {
    Tensor tensor(kind, shape);
    for (int64_t i = 0; i < tensor.getNumElements(); ++i)
      tensor.setDouble(i, start + i);
    return tensor;
  }

  static std::vector<double> values(const Tensor &tensor) {
    std::vector<double> result;
    for (int64_t i = 0; i < tensor.getNumElements(); ++i)
      result.push_back(tensor.getDouble(i));
    return result;
  }

  /// The message of a failed Expected (fails the test when it succeeded).
  template <typename T> static std::string errorOf(llvm::Expected<T> value) {
    if (value) {
      ADD_FAILURE() << "expected an error";
      return "";
    }
    return llvm::toString(value.takeError());
  }

  llvm::SmallString<128> root;
};

TEST_F(DatasetTest, NpyArraySlicesTheFirstDimension) {
  std::string file = path("x.npy");
  ASSERT_FALSE(llvm::errorToBool(
      writeNpy(file, iota(ElementKind::F32, {4, 2, 3}, 0.5))));
  writeText("labels.csv", "3\n# comment\n\n1\n0\n2\n");
  llvm::Expected<Dataset> dataset =
      Dataset::open("npy:" + file + ":labels=labels.csv");
  ASSERT_TRUE(bool(dataset)) << llvm::toString(dataset.takeError());
  EXPECT_EQ(dataset->getKind(), Dataset::Kind::Npy);
  EXPECT_EQ(dataset->size(), 4u);
  EXPECT_TRUE(dataset->hasLabels());
  llvm::Expected<Sample> sample = dataset->getSample(2);
  ASSERT_TRUE(bool(sample)) << llvm::toString(sample.takeError());
  ASSERT_EQ(sample->inputs.size(), 1u);
  EXPECT_EQ(sample->inputs[0].getShape(), llvm::ArrayRef<int64_t>({2, 3}));
  EXPECT_EQ(values(sample->inputs[0]),
            (std::vector<double>{12.5, 13.5, 14.5, 15.5, 16.5, 17.5}));
  EXPECT_EQ(sample->label, 0);
  EXPECT_EQ(sample->name, file + "[2]");
  // The kind is inferred from the path; shape= reshapes every sample.
  llvm::Expected<Dataset> reshaped = Dataset::open(file + ":shape=1x6");
  ASSERT_TRUE(bool(reshaped)) << llvm::toString(reshaped.takeError());
  EXPECT_FALSE(reshaped->hasLabels());
  llvm::Expected<Sample> flat = reshaped->getSample(3);
  ASSERT_TRUE(bool(flat));
  EXPECT_EQ(flat->inputs[0].getShape(), llvm::ArrayRef<int64_t>({1, 6}));
  EXPECT_EQ(flat->inputs[0].getDouble(5), 23.5);
  EXPECT_NE(errorOf(dataset->getSample(4)).find("outside"), std::string::npos);
}

TEST_F(DatasetTest, NpzInputsAndLabelMember) {
  std::vector<NamedTensor> arrays;
  arrays.push_back({"a", iota(ElementKind::F32, {3, 2}, 0)});
  arrays.push_back({"labels", iota(ElementKind::I64, {3}, 4)});
  arrays.push_back({"b", iota(ElementKind::I8, {3, 1, 2}, -3)});
  std::string file = path("d.npz");
  ASSERT_FALSE(llvm::errorToBool(writeNpz(file, arrays)));
  llvm::Expected<Dataset> dataset = Dataset::open(file);
  ASSERT_TRUE(bool(dataset)) << llvm::toString(dataset.takeError());
  EXPECT_EQ(dataset->getKind(), Dataset::Kind::Npz);
  EXPECT_EQ(dataset->size(), 3u);
  EXPECT_TRUE(dataset->hasLabels());
  llvm::Expected<Sample> sample = dataset->getSample(1);
  ASSERT_TRUE(bool(sample));
  ASSERT_EQ(sample->inputs.size(), 2u); // labels are not an input
  EXPECT_EQ(values(sample->inputs[0]), (std::vector<double>{2, 3}));
  EXPECT_EQ(sample->inputs[1].getKind(), ElementKind::I8);
  EXPECT_EQ(values(sample->inputs[1]), (std::vector<double>{-1, 0}));
  EXPECT_EQ(sample->label, 5);
  // A member with another sample count is rejected.
  arrays.push_back({"c", iota(ElementKind::F32, {2, 2}, 0)});
  std::string bad = path("bad.npz");
  ASSERT_FALSE(llvm::errorToBool(writeNpz(bad, arrays)));
  std::string message = errorOf(Dataset::open(bad));
  EXPECT_NE(message.find("'a' and 'c' have 3 and 2 samples"), std::string::npos)
      << message;
}

TEST_F(DatasetTest, FolderOfNpySortedByNameWithLabelsByName) {
  ASSERT_FALSE(llvm::sys::fs::create_directory(path("dir")));
  // Written in reverse order: the dataset sorts by name.
  for (int i = 2; i >= 0; --i)
    ASSERT_FALSE(
        llvm::errorToBool(writeNpy(path("dir/s" + std::to_string(i) + ".npy"),
                                   iota(ElementKind::F32, {1, 2}, 10 * i))));
  writeText("dir/notes.txt", "ignored: not a .npy file");
  writeText("dir/y.csv", "s2.npy,7\ns0.npy,5\ns1.npy,6\n");
  llvm::Expected<Dataset> dataset =
      Dataset::open(path("dir") + ":labels=y.csv");
  ASSERT_TRUE(bool(dataset)) << llvm::toString(dataset.takeError());
  EXPECT_EQ(dataset->getKind(), Dataset::Kind::NpyFolder);
  ASSERT_EQ(dataset->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    llvm::Expected<Sample> sample = dataset->getSample(i);
    ASSERT_TRUE(bool(sample));
    EXPECT_EQ(sample->name, "s" + std::to_string(i) + ".npy");
    EXPECT_EQ(sample->inputs[0].getDouble(0), 10.0 * i);
    EXPECT_EQ(sample->label, 5 + i);
  }
}

TEST_F(DatasetTest, RawFolderAndKws01Preset) {
  ASSERT_FALSE(llvm::sys::fs::create_directory(path("kws")));
  std::vector<int8_t> first(490, 83), second(490, 83);
  first[0] = 84;      // +1 step
  second[489] = -128; // -211 steps
  writeBytes("kws/tst_000001_Left_2.bin", second);
  writeBytes("kws/tst_000000_Stop_7.bin", first);
  writeText("kws/y_labels.csv", "tst_000000_Stop_7.bin,12,7\r\n"
                                "tst_000001_Left_2.bin,12,2\r\n");
  std::string dir = path("kws");
  llvm::Expected<Dataset> preset = Dataset::open("kws01:" + dir);
  ASSERT_TRUE(bool(preset)) << llvm::toString(preset.takeError());
  llvm::Expected<Dataset> explicitSpec =
      Dataset::open("raw:" + dir +
                    ":dtype=i8:shape=1x1x49x10:scale=0.584703:zero_point=83:"
                    "labels=y_labels.csv");
  ASSERT_TRUE(bool(explicitSpec)) << llvm::toString(explicitSpec.takeError());
  for (Dataset *dataset : {&*preset, &*explicitSpec}) {
    EXPECT_EQ(dataset->getKind(), Dataset::Kind::RawFolder);
    ASSERT_EQ(dataset->size(), 2u);
    llvm::Expected<Sample> a = dataset->getSample(0);
    llvm::Expected<Sample> b = dataset->getSample(1);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->name, "tst_000000_Stop_7.bin");
    EXPECT_EQ(a->label, 7);
    EXPECT_EQ(b->label, 2);
    ASSERT_EQ(a->inputs[0].getKind(), ElementKind::F32);
    EXPECT_EQ(a->inputs[0].getShape(), llvm::ArrayRef<int64_t>({1, 1, 49, 10}));
    EXPECT_EQ(a->inputs[0].getDouble(0), double(float(0.584703)));
    EXPECT_EQ(a->inputs[0].getDouble(1), 0.0);
    EXPECT_EQ(b->inputs[0].getDouble(489), double(float(0.584703 * -211)));
  }
  // Without scale= the integers come through unchanged.
  llvm::Expected<Dataset> ints =
      Dataset::open("raw:" + dir + ":dtype=i8:shape=490");
  ASSERT_TRUE(bool(ints)) << llvm::toString(ints.takeError());
  EXPECT_FALSE(ints->hasLabels());
  llvm::Expected<Sample> sample = ints->getSample(1);
  ASSERT_TRUE(bool(sample));
  EXPECT_EQ(sample->inputs[0].getKind(), ElementKind::I8);
  EXPECT_EQ(sample->inputs[0].getInt(489), -128);
}

TEST_F(DatasetTest, MalformedFilesNameTheProblem) {
  ASSERT_FALSE(llvm::sys::fs::create_directory(path("raw")));
  writeBytes("raw/a.bin", std::vector<int8_t>(4, 1));
  writeBytes("raw/b.bin", std::vector<int8_t>(3, 1));
  std::string dir = path("raw");

  // Missing files and folders.
  std::string message = errorOf(Dataset::open("npy:" + path("none.npy")));
  EXPECT_NE(message.find("cannot open"), std::string::npos) << message;
  EXPECT_NE(message.find("none.npy"), std::string::npos) << message;
  message = errorOf(Dataset::open("raw:" + path("nowhere") + ":dtype=i8"));
  EXPECT_NE(message.find("is not a folder"), std::string::npos) << message;
  message = errorOf(Dataset::open("dir:" + dir));
  EXPECT_NE(message.find("no '*.npy' files"), std::string::npos) << message;

  // A raw file of the wrong size fails when it is read, naming the file.
  llvm::Expected<Dataset> dataset =
      Dataset::open("raw:" + dir + ":dtype=i8:shape=2x2");
  ASSERT_TRUE(bool(dataset)) << llvm::toString(dataset.takeError());
  EXPECT_TRUE(bool(dataset->getSample(0)));
  message = errorOf(dataset->getSample(1));
  EXPECT_NE(message.find("b.bin: raw file has 3 bytes"), std::string::npos)
      << message;

  // Spec errors.
  message = errorOf(Dataset::open("raw:" + dir + ":shape=2x2"));
  EXPECT_NE(message.find("need dtype="), std::string::npos) << message;
  message = errorOf(Dataset::open("raw:" + dir + ":dtype=i8"));
  EXPECT_NE(message.find("need shape="), std::string::npos) << message;
  message = errorOf(Dataset::open("raw:" + dir + ":dtype=q8:shape=4"));
  EXPECT_NE(message.find("unknown dtype 'q8'"), std::string::npos) << message;
  message = errorOf(Dataset::open("raw:" + dir + ":dtype=i8:colour=red"));
  EXPECT_NE(message.find("unknown key 'colour'"), std::string::npos) << message;
  message = errorOf(Dataset::open("raw:" + dir + ":dtype=i8:shape=4:shape=4"));
  EXPECT_NE(message.find("given twice"), std::string::npos) << message;
  message = errorOf(Dataset::open("raw:" + dir + ":dtype=i8:shape=4:scale=-1"));
  EXPECT_NE(message.find("not a positive finite number"), std::string::npos)
      << message;
  message = errorOf(Dataset::open("npy:" + dir + "/a.bin:dtype=i8"));
  EXPECT_NE(message.find("'dtype' does not apply to npy"), std::string::npos)
      << message;
  message = errorOf(Dataset::open(""));
  EXPECT_NE(message.find("no path"), std::string::npos) << message;
}

TEST_F(DatasetTest, MalformedLabelFiles) {
  ASSERT_FALSE(llvm::sys::fs::create_directory(path("d")));
  writeBytes("d/a.bin", {1});
  writeBytes("d/b.bin", {2});
  std::string spec = "raw:" + path("d") + ":dtype=i8:shape=1:labels=";
  auto check = [&](llvm::StringRef csv, llvm::StringRef expected) {
    writeText("d/labels.csv", csv);
    std::string message = errorOf(Dataset::open(spec + "labels.csv"));
    EXPECT_NE(message.find(expected.str()), std::string::npos)
        << "CSV:\n"
        << csv.str() << "\nmessage: " << message;
  };
  check("a.bin,1\nb.bin,x\n", "labels.csv:2: label 'x' is not an integer");
  check("a.bin,1\nb.bin,-2\n", "labels.csv:2: label -2 is negative");
  check("a.bin,1\n", "no label for sample 'b.bin'");
  check("a.bin,1\nb.bin,2\na.bin,3\n",
        "labels.csv:3: second label for 'a.bin' (first on line 1)");
  check("a.bin,1\nb.bin,2\nc.bin,3\n", "labels.csv:3: 'c.bin' is not a sample");
  check("1\n2\n", "labels.csv:1: expected 'file,...,class'");
  std::string message = errorOf(Dataset::open(spec + "missing.csv"));
  EXPECT_NE(message.find("missing.csv"), std::string::npos) << message;

  // In-order labels for arrays: the count must match; .npy labels too.
  std::string file = path("x.npy");
  ASSERT_FALSE(
      llvm::errorToBool(writeNpy(file, iota(ElementKind::F32, {3, 1}, 0))));
  writeText("three.csv", "0\n1\n");
  message = errorOf(Dataset::open(file + ":labels=three.csv"));
  EXPECT_NE(message.find("2 labels for 3 samples"), std::string::npos)
      << message;
  ASSERT_FALSE(llvm::errorToBool(
      writeNpy(path("y.npy"), iota(ElementKind::F32, {3}, 0))));
  message = errorOf(Dataset::open(file + ":labels=y.npy"));
  EXPECT_NE(message.find("labels must be integers"), std::string::npos)
      << message;
  ASSERT_FALSE(llvm::errorToBool(
      writeNpy(path("y.npy"), iota(ElementKind::I32, {3, 1}, 1))));
  llvm::Expected<Dataset> dataset = Dataset::open(file + ":labels=y.npy");
  ASSERT_TRUE(bool(dataset)) << llvm::toString(dataset.takeError());
  llvm::Expected<Sample> last = dataset->getSample(2);
  ASSERT_TRUE(bool(last));
  EXPECT_EQ(last->label, 3);
}

TEST(SampleRangeTest, ParsesAndRejects) {
  auto parse = [](llvm::StringRef text, size_t count) {
    llvm::Expected<SampleRange> range = parseSampleRange(text, count);
    if (!range)
      return "error: " + llvm::toString(range.takeError());
    return std::to_string(range->begin) + ".." + std::to_string(range->end);
  };
  EXPECT_EQ(parse("0:100", 1000), "0..100");
  EXPECT_EQ(parse("100:1000", 1000), "100..1000");
  EXPECT_EQ(parse("100:", 1000), "100..1000");
  EXPECT_EQ(parse(":10", 1000), "0..10");
  EXPECT_EQ(parse(":", 7), "0..7");
  EXPECT_EQ(parse("", 7), "0..7");
  EXPECT_EQ(parse(" 2 : 5 ", 7), "2..5");
  EXPECT_NE(parse("5", 7).find("expected A:B"), std::string::npos);
  EXPECT_NE(parse("a:3", 7).find("non-negative integers"), std::string::npos);
  EXPECT_NE(parse("-1:3", 7).find("non-negative integers"), std::string::npos);
  EXPECT_NE(parse("5:3", 7).find("starts after it ends"), std::string::npos);
  EXPECT_NE(parse("0:8", 7).find("ends after the dataset's 7 samples"),
            std::string::npos);
  EXPECT_NE(parse("3:3", 7).find("selects no sample"), std::string::npos);
  EXPECT_NE(parse("", 0).find("selects no sample"), std::string::npos);
}

TEST(ConformSampleTest, ReshapesAndChecksKinds) {
  Sample sample;
  sample.name = "s";
  sample.inputs.emplace_back(ElementKind::F32,
                             llvm::ArrayRef<int64_t>{1, 1, 49, 10});
  sample.inputs[0].setDouble(17, 2.5);
  InputSignature nhwc{ElementKind::F32, {1, 49, 10, 1}};
  ASSERT_FALSE(llvm::errorToBool(conformSample(sample, {nhwc})));
  EXPECT_EQ(sample.inputs[0].getShape(),
            llvm::ArrayRef<int64_t>({1, 49, 10, 1}));
  EXPECT_EQ(sample.inputs[0].getDouble(17), 2.5);

  InputSignature wrongCount{ElementKind::F32, {1, 48, 10, 1}};
  std::string message = llvm::toString(conformSample(sample, {wrongCount}));
  EXPECT_NE(message.find("expects 1x48x10x1xf32"), std::string::npos)
      << message;
  InputSignature wrongKind{ElementKind::I8, {1, 49, 10, 1}};
  message = llvm::toString(conformSample(sample, {wrongKind}));
  EXPECT_NE(message.find("scale=/zero_point="), std::string::npos) << message;
  message = llvm::toString(conformSample(sample, {nhwc, nhwc}));
  EXPECT_NE(message.find("1 input(s), the function takes 2"), std::string::npos)
      << message;
}

TEST_F(DatasetTest, IdxImagesWithIdxLabels) {
  // Three 2x2 u8 images (values 0..11) and three u8 labels, in the MNIST idx
  // layout: big-endian header, then the elements.
  std::vector<int8_t> images = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2};
  for (int i = 0; i < 12; ++i)
    images.push_back(static_cast<int8_t>(i == 11 ? 255 : i));
  std::string file = writeBytes("t-images-idx3-ubyte", images);
  writeBytes("t-labels-idx1-ubyte", {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9});
  llvm::Expected<Dataset> dataset = Dataset::open(
      file + ":scale=0.5:zero_point=1:labels=t-labels-idx1-ubyte");
  ASSERT_TRUE(static_cast<bool>(dataset))
      << llvm::toString(dataset.takeError());
  EXPECT_EQ(dataset->getKind(), Dataset::Kind::Idx);
  EXPECT_EQ(dataset->size(), 3u);
  ASSERT_TRUE(dataset->hasLabels());
  llvm::Expected<Sample> sample = dataset->getSample(2);
  ASSERT_TRUE(static_cast<bool>(sample));
  EXPECT_EQ(*sample->label, 9);
  ASSERT_EQ(sample->inputs.size(), 1u);
  EXPECT_EQ(formatShape(sample->inputs[0].getShape()), "2x2");
  // u8 255 (not -1): 0.5 * (255 - 1).
  EXPECT_EQ(values(sample->inputs[0]),
            (std::vector<double>{3.5, 4.0, 4.5, 127.0}));
}

TEST_F(DatasetTest, IdxBigEndianWideElements) {
  // Two i16 samples of one element: 0x0102 = 258 and 0xFFFE = -2.
  std::string file = writeBytes(
      "w.idx", {0, 0, 0x0B, 2, 0, 0, 0, 2, 0, 0, 0, 1, 1, 2, -1, -2});
  llvm::Expected<Dataset> dataset = Dataset::open(file);
  ASSERT_TRUE(static_cast<bool>(dataset))
      << llvm::toString(dataset.takeError());
  llvm::Expected<Sample> second = dataset->getSample(1);
  ASSERT_TRUE(static_cast<bool>(second));
  EXPECT_EQ(second->inputs[0].getKind(), ElementKind::I16);
  EXPECT_EQ(values(second->inputs[0]), std::vector<double>{-2});
  llvm::Expected<Sample> first = dataset->getSample(0);
  ASSERT_TRUE(static_cast<bool>(first));
  EXPECT_EQ(values(first->inputs[0]), std::vector<double>{258});
}

TEST_F(DatasetTest, IdxErrorsNameTheFile) {
  std::string truncated =
      writeBytes("a-idx3-ubyte",
                 {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3});
  EXPECT_NE(errorOf(Dataset::open(truncated))
                .find("a-idx3-ubyte: an idx array of shape 2x2x2 needs 8 "
                      "bytes of data, the file has 3"),
            std::string::npos);
  std::string gz = writeBytes("b-idx3-ubyte.gz", {0x1f, -117, 8, 0});
  EXPECT_NE(errorOf(Dataset::open(gz)).find("gzip-compressed idx files"),
            std::string::npos);
  std::string badType = writeBytes("c.idx", {0, 0, 0x42, 1, 0, 0, 0, 1, 0});
  EXPECT_NE(errorOf(Dataset::open(badType)).find("unknown idx element type"),
            std::string::npos);
}

} // namespace
