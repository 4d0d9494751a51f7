//===- Svg.h - a small SVG chart writer for quantization cards --*- C++ -*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//
//
// Just enough SVG for the quantization card (docs/Strategy.md): grouped bar
// charts (per-layer bits, per-edge SQNR) and scatter plots with a connected
// front (accuracy vs latency or size). The output is deterministic text (fixed
// number formatting), self-contained (no scripts, no external fonts), and
// every label is XML-escaped.
//
//===----------------------------------------------------------------------===//

#ifndef HWQ_SEARCH_SVG_H
#define HWQ_SEARCH_SVG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace hwq {
namespace svg {

/// Escapes &, <, >, " and ' for XML text and attribute values.
std::string escapeXml(llvm::StringRef text);

/// One series of a bar chart: a name (legend) and one value per category;
/// nullopt draws no bar.
struct BarSeries {
  std::string name;
  std::vector<std::optional<double>> values;
};

/// A grouped bar chart: one group per category (x axis), one bar per series.
/// The y axis starts at min(0, smallest value) and ends at the largest value
/// (or 1 when every value is 0), with 5 labelled grid lines.
std::string renderBarChart(llvm::StringRef title,
                           llvm::ArrayRef<std::string> categories,
                           llvm::ArrayRef<BarSeries> series,
                           llvm::StringRef yLabel);

/// One point of a scatter plot.
struct ScatterPoint {
  double x = 0.0;
  double y = 0.0;
  std::string label;
  /// Drawn larger and in another colour (the chosen strategy).
  bool highlight = false;
  /// Connected by the front line (points on the Pareto front).
  bool onFront = false;
};

/// A scatter plot; the points with `onFront` are joined by a line in x
/// order. Axis ranges cover every point with a 5% margin.
std::string renderScatter(llvm::StringRef title,
                          llvm::ArrayRef<ScatterPoint> points,
                          llvm::StringRef xLabel, llvm::StringRef yLabel);

} // namespace svg
} // namespace hwq

#endif // HWQ_SEARCH_SVG_H
