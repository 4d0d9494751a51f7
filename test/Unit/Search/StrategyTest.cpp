//===- StrategyTest.cpp - strategy JSON, Pareto files, SVG ------*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Strategy.h"
#include "hwq/Search/Card.h"
#include "hwq/Search/Svg.h"

#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace hwq;

namespace {

std::string write(const Strategy &strategy) {
  std::string text;
  llvm::raw_string_ostream os(text);
  writeStrategy(strategy, os);
  return text;
}

std::string errorOf(llvm::StringRef text) {
  llvm::Expected<Strategy> parsed = parseStrategy(text, "s.json");
  if (parsed)
    return "";
  return llvm::toString(parsed.takeError());
}

TEST(StrategyTest, RoundTripIsByteIdentical) {
  Strategy strategy;
  strategy.target = "int4-acc16";
  strategy.seed = 42;
  strategy.objective = "top1";
  strategy.calibration.data = "kws01:/data";
  strategy.calibration.range = "0:200";
  strategy.calibration.samples = 200;
  strategy.calibration.method = "max";
  strategy.setFigure("top1", 0.9012345678901234);
  strategy.setFigure("avg_weight_bits", 5.5);
  strategy.setFigure("top1", 0.5); // replaces, keeps the position
  strategy.nodes.push_back({"n0", "conv2d", 1});
  EdgeChoice edge;
  edge.name = "n0.in0";
  edge.role = "activation";
  edge.bits = 6;
  edge.isSigned = false;
  edge.granularity = Granularity::PerTensor;
  edge.method = ThresholdMethod::Percentile;
  edge.percentile = 99.99;
  strategy.edges.push_back(edge);
  EdgeChoice partial;
  partial.name = "n0.weight";
  partial.bits = 4;
  strategy.edges.push_back(partial);

  std::string first = write(strategy);
  llvm::Expected<Strategy> parsed = parseStrategy(first, "s.json");
  ASSERT_TRUE(static_cast<bool>(parsed)) << llvm::toString(parsed.takeError());
  EXPECT_EQ(parsed->seed, std::optional<uint64_t>(42));
  ASSERT_EQ(parsed->edges.size(), 2u);
  EXPECT_EQ(parsed->edges[0].percentile, std::optional<double>(99.99));
  EXPECT_FALSE(parsed->edges[1].isSigned.has_value());
  EXPECT_EQ(parsed->findEdge("n0.weight")->bits, std::optional<unsigned>(4));
  EXPECT_EQ(parsed->findNode("n0")->alternative, 1);
  EXPECT_EQ(parsed->figures.front().first, "avg_weight_bits"); // sorted read
  // Figures are read in key order: write, read, write is a fixed point.
  std::string second = write(*parsed);
  llvm::Expected<Strategy> again = parseStrategy(second, "s.json");
  ASSERT_TRUE(static_cast<bool>(again));
  EXPECT_EQ(second, write(*again));
  EXPECT_NE(second.find("\"top1\": 0.5"), std::string::npos);
}

TEST(StrategyTest, ErrorsNameThePlace) {
  EXPECT_EQ(errorOf("{\"edges\": []}"),
            "s.json: at the top level: missing required key 'version'");
  EXPECT_EQ(errorOf("{\"version\": 2}"),
            "s.json: at version: this hwq reads version 1, got 2");
  EXPECT_EQ(errorOf("{\"version\": 1, \"edges\": [{\"name\": \"a\", "
                    "\"signed\": 1}]}"),
            "s.json: at edges[0].signed: expected true or false, got a number");
  EXPECT_EQ(errorOf("{\"version\": 1, \"edges\": [{\"name\": \"a\"}, "
                    "{\"name\": \"a\"}]}"),
            "s.json: at edges[1]: edge 'a' is listed twice");
  EXPECT_EQ(errorOf("{\"version\": 1, \"edges\": [{\"name\": \"a\", "
                    "\"method\": \"max\", \"percentile\": 99}]}"),
            "s.json: at edges[0].percentile: is only allowed with "
            "\"method\": \"percentile\"");
  EXPECT_EQ(errorOf("{\"version\": 1, \"nodes\": [{\"name\": \"n0\"}]}"),
            "s.json: at nodes[0]: missing required key 'alternative'");
  EXPECT_EQ(errorOf("[1]"),
            "s.json: at the top level: a strategy must be a JSON object, got "
            "a list");
  EXPECT_EQ(errorOf("{\"version\": 1,\n \"x\" 1}"),
            "s.json:2:6: invalid JSON: Expected : after object key");
}

TEST(ParetoTest, ReadsPointsAndRejectsUnknownKeys) {
  llvm::Expected<std::vector<ParetoPoint>> points = parsePareto(
      "{\"points\": [{\"label\": \"a\", \"accuracy\": 0.5, \"size_bits\": 8, "
      "\"chosen\": true}]}",
      "p.json");
  ASSERT_TRUE(static_cast<bool>(points));
  ASSERT_EQ(points->size(), 1u);
  EXPECT_TRUE((*points)[0].chosen);
  EXPECT_TRUE((*points)[0].onFront);
  EXPECT_FALSE((*points)[0].latencyUs.has_value());
  EXPECT_EQ((*points)[0].sizeBits, std::optional<double>(8));
  llvm::Expected<std::vector<ParetoPoint>> bad =
      parsePareto("{\"points\": [{\"accuracy\": 1, \"speed\": 2}]}", "p.json");
  ASSERT_FALSE(static_cast<bool>(bad));
  EXPECT_NE(llvm::toString(bad.takeError()).find("unknown key 'speed'"),
            std::string::npos);
}

TEST(SvgTest, EscapesAndDrawsEveryBar) {
  EXPECT_EQ(svg::escapeXml("a<b & \"c\">'"),
            "a&lt;b &amp; &quot;c&quot;&gt;&apos;");
  std::string chart = svg::renderBarChart(
      "t<1>", {"x", "y", "z"}, {{"s", {1.0, std::nullopt, -2.0}}}, "bits");
  // Two bars (one missing value), escaped title, no raw '<1>'.
  size_t bars = 0;
  for (size_t pos = chart.find("<rect x="); pos != std::string::npos;
       pos = chart.find("<rect x=", pos + 1))
    ++bars;
  EXPECT_EQ(bars, 2u + 1u); // two bars + one legend swatch
  EXPECT_NE(chart.find("<title>t&lt;1&gt;</title>"), std::string::npos);
  EXPECT_EQ(chart.find("t<1>"), std::string::npos);
  std::string scatter = svg::renderScatter("p",
                                           {{1, 2, "a", true, true},
                                            {3, 1, "b", false, true},
                                            {2, 0, "c", false, false}},
                                           "x", "y");
  EXPECT_NE(scatter.find("<polyline"), std::string::npos);
  size_t circles = 0;
  for (size_t pos = scatter.find("<circle "); pos != std::string::npos;
       pos = scatter.find("<circle ", pos + 1))
    ++circles;
  EXPECT_EQ(circles, 3u);
  // Only the highlighted point is drawn large.
  EXPECT_EQ(scatter.find("r=\"6\""), scatter.rfind("r=\"6\""));
  EXPECT_NE(scatter.find("r=\"6\""), std::string::npos);
}

} // namespace
