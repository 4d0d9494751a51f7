//===- Svg.cpp - a small SVG chart writer for quantization cards -*- C++
//-*-===//
//
// Part of hwq, a hardware-aware post-training quantization compiler.
//
//===----------------------------------------------------------------------===//

#include "hwq/Search/Svg.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace hwq;
using namespace hwq::svg;

namespace {

constexpr double kWidth = 640, kHeight = 320;
constexpr double kLeft = 64, kRight = 16, kTop = 36, kBottom = 72;
const char *const kColors[] = {"#4c72b0", "#dd8452", "#55a868", "#c44e52",
                               "#8172b3"};

/// Fixed formatting: numbers in the SVG never depend on the locale.
std::string num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", value);
  return buffer;
}

/// A short axis label: up to 4 significant digits.
std::string tick(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.4g", value);
  return buffer;
}

void header(llvm::raw_ostream &os, llvm::StringRef title) {
  os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(kWidth)
     << "\" height=\"" << num(kHeight) << "\" viewBox=\"0 0 " << num(kWidth)
     << " " << num(kHeight)
     << "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  os << "<title>" << escapeXml(title) << "</title>\n";
  os << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  os << "<text x=\"" << num(kWidth / 2) << "\" y=\"20\" text-anchor=\"middle\" "
     << "font-size=\"14\">" << escapeXml(title) << "</text>\n";
}

/// Draws the y grid and labels for [lo, hi]; returns the y of a value.
struct YAxis {
  double lo, hi;
  double map(double v) const {
    double plot = kHeight - kTop - kBottom;
    return kHeight - kBottom - (v - lo) / (hi - lo) * plot;
  }
};

void drawYAxis(llvm::raw_ostream &os, const YAxis &axis,
               llvm::StringRef label) {
  for (int i = 0; i <= 4; ++i) {
    double v = axis.lo + (axis.hi - axis.lo) * i / 4.0;
    double y = axis.map(v);
    os << "<line x1=\"" << num(kLeft) << "\" y1=\"" << num(y) << "\" x2=\""
       << num(kWidth - kRight) << "\" y2=\"" << num(y)
       << "\" stroke=\"#ddd\"/>\n";
    os << "<text x=\"" << num(kLeft - 4) << "\" y=\"" << num(y + 4)
       << "\" text-anchor=\"end\">" << tick(v) << "</text>\n";
  }
  double mid = (kTop + kHeight - kBottom) / 2;
  os << "<text x=\"14\" y=\"" << num(mid) << "\" text-anchor=\"middle\" "
     << "transform=\"rotate(-90 14 " << num(mid) << ")\">" << escapeXml(label)
     << "</text>\n";
}

} // namespace

std::string svg::escapeXml(llvm::StringRef text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string svg::renderBarChart(llvm::StringRef title,
                                llvm::ArrayRef<std::string> categories,
                                llvm::ArrayRef<BarSeries> series,
                                llvm::StringRef yLabel) {
  std::string text;
  llvm::raw_string_ostream os(text);
  header(os, title);
  double lo = 0, hi = 0;
  for (const BarSeries &s : series)
    for (const std::optional<double> &v : s.values)
      if (v && std::isfinite(*v)) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }
  if (hi <= lo)
    hi = lo + 1;
  YAxis axis{lo, hi};
  drawYAxis(os, axis, yLabel);
  size_t groups = std::max<size_t>(categories.size(), 1);
  double groupWidth = (kWidth - kLeft - kRight) / groups;
  double barWidth = groupWidth * 0.8 / std::max<size_t>(series.size(), 1);
  for (auto [g, category] : llvm::enumerate(categories)) {
    double x0 = kLeft + g * groupWidth + groupWidth * 0.1;
    for (auto [s, entry] : llvm::enumerate(series)) {
      if (g >= entry.values.size() || !entry.values[g] ||
          !std::isfinite(*entry.values[g]))
        continue;
      double v = *entry.values[g];
      double y0 = axis.map(std::max(v, 0.0)), y1 = axis.map(std::min(v, 0.0));
      os << "<rect x=\"" << num(x0 + s * barWidth) << "\" y=\"" << num(y0)
         << "\" width=\"" << num(barWidth) << "\" height=\""
         << num(std::max(y1 - y0, 0.5)) << "\" fill=\""
         << kColors[s % std::size(kColors)] << "\"><title>"
         << escapeXml(category) << " " << escapeXml(entry.name) << ": "
         << tick(v) << "</title></rect>\n";
    }
    double cx = kLeft + (g + 0.5) * groupWidth;
    double cy = kHeight - kBottom + 12;
    os << "<text x=\"" << num(cx) << "\" y=\"" << num(cy)
       << "\" text-anchor=\"end\" transform=\"rotate(-45 " << num(cx) << " "
       << num(cy) << ")\">" << escapeXml(category) << "</text>\n";
  }
  // Legend.
  for (auto [s, entry] : llvm::enumerate(series)) {
    double x = kLeft + 8 + s * 120;
    os << "<rect x=\"" << num(x) << "\" y=\"" << num(kTop - 8)
       << "\" width=\"10\" height=\"10\" fill=\""
       << kColors[s % std::size(kColors)] << "\"/>\n";
    os << "<text x=\"" << num(x + 14) << "\" y=\"" << num(kTop + 1) << "\">"
       << escapeXml(entry.name) << "</text>\n";
  }
  os << "</svg>\n";
  return text;
}

std::string svg::renderScatter(llvm::StringRef title,
                               llvm::ArrayRef<ScatterPoint> points,
                               llvm::StringRef xLabel, llvm::StringRef yLabel) {
  std::string text;
  llvm::raw_string_ostream os(text);
  header(os, title);
  double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
  if (!points.empty()) {
    xlo = xhi = points.front().x;
    ylo = yhi = points.front().y;
    for (const ScatterPoint &p : points) {
      xlo = std::min(xlo, p.x);
      xhi = std::max(xhi, p.x);
      ylo = std::min(ylo, p.y);
      yhi = std::max(yhi, p.y);
    }
  }
  auto widen = [](double &lo, double &hi) {
    double margin = (hi - lo) * 0.05;
    if (margin <= 0)
      margin = std::max(std::fabs(lo) * 0.05, 0.5);
    lo -= margin;
    hi += margin;
  };
  widen(xlo, xhi);
  widen(ylo, yhi);
  YAxis axis{ylo, yhi};
  drawYAxis(os, axis, yLabel);
  auto mapX = [&](double x) {
    return kLeft + (x - xlo) / (xhi - xlo) * (kWidth - kLeft - kRight);
  };
  for (int i = 0; i <= 4; ++i) {
    double v = xlo + (xhi - xlo) * i / 4.0;
    os << "<text x=\"" << num(mapX(v)) << "\" y=\""
       << num(kHeight - kBottom + 16) << "\" text-anchor=\"middle\">" << tick(v)
       << "</text>\n";
  }
  os << "<text x=\"" << num((kLeft + kWidth - kRight) / 2) << "\" y=\""
     << num(kHeight - kBottom + 36) << "\" text-anchor=\"middle\">"
     << escapeXml(xLabel) << "</text>\n";
  std::vector<const ScatterPoint *> front;
  for (const ScatterPoint &p : points)
    if (p.onFront)
      front.push_back(&p);
  std::stable_sort(
      front.begin(), front.end(),
      [](const ScatterPoint *a, const ScatterPoint *b) { return a->x < b->x; });
  if (front.size() > 1) {
    os << "<polyline fill=\"none\" stroke=\"" << kColors[1]
       << "\" stroke-width=\"1.5\" points=\"";
    for (auto [i, p] : llvm::enumerate(front))
      os << (i ? " " : "") << num(mapX(p->x)) << "," << num(axis.map(p->y));
    os << "\"/>\n";
  }
  for (const ScatterPoint &p : points)
    os << "<circle cx=\"" << num(mapX(p.x)) << "\" cy=\"" << num(axis.map(p.y))
       << "\" r=\"" << (p.highlight ? "6" : "3.5") << "\" fill=\""
       << (p.highlight ? kColors[3] : (p.onFront ? kColors[1] : kColors[0]))
       << "\"><title>" << escapeXml(p.label) << ": (" << tick(p.x) << ", "
       << tick(p.y) << ")</title></circle>\n";
  os << "</svg>\n";
  return text;
}
