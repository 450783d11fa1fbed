/// Inline SVG charts. Each chart is a self-contained `<svg>` element with a `viewBox`, so it scales to the
/// width of its container (CSS sets `width: 100%`); all text is escaped with ``HTMLText/escape(_:)``.
enum SVGChart {
    struct Threshold {
        var value: Double
        /// Which side is kept, e.g. `min` (values below are dropped) or `max`.
        var label: String
    }

    /// A histogram with the count axis, the range ends and an optional threshold line.
    static func histogram(_ histogram: Histogram, title: String, thresholds: [Threshold] = []) -> String {
        let width = 640.0, height = 260.0
        let left = 56.0, right = 16.0, top = 28.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let peak = max(histogram.counts.max() ?? 0, 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        svg += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(top + plotHeight))\"/>"
        svg += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\"/>"
        svg += text(x: left - 6, y: top + 5, anchor: "end", Format.count(peak))
        svg += text(x: left - 6, y: top + plotHeight, anchor: "end", "0")
        let barWidth = plotWidth / Double(histogram.counts.count)
        for (index, count) in histogram.counts.enumerated() where count > 0 {
            let barHeight = plotHeight * Double(count) / Double(peak)
            let x = left + Double(index) * barWidth
            let from = histogram.lower + Double(index) * histogram.binWidth
            let label = histogram.integerBins ? Format.number(from) : "\(Format.number(from)) – \(Format.number(from + histogram.binWidth))"
            svg += "<rect class=\"bar\" x=\"\(n(x + 0.5))\" y=\"\(n(top + plotHeight - barHeight))\" width=\"\(n(max(barWidth - 1, 0.5)))\" height=\"\(n(barHeight))\"><title>\(HTMLText.escape(label)): \(Format.count(count))</title></rect>"
        }
        // Range labels under the axis: lower end, middle, upper end (integer bins label bin centres).
        let ticks: [(Double, Double)] = histogram.integerBins
            ? [(0.5 / Double(histogram.counts.count), histogram.lower), (1 - 0.5 / Double(histogram.counts.count), histogram.upper - 1)]
            : [(0, histogram.lower), (0.5, (histogram.lower + histogram.upper) / 2), (1, histogram.upper)]
        for (position, value) in ticks {
            let anchor = position < 0.2 ? "start" : position > 0.8 ? "end" : "middle"
            svg += text(x: left + position * plotWidth, y: top + plotHeight + 18, anchor: anchor, Format.number(value))
        }
        for threshold in thresholds {
            let position = histogram.integerBins
                ? (threshold.value - histogram.lower + 0.5) / Double(histogram.counts.count)
                : histogram.fraction(threshold.value)
            let x = left + min(max(position, 0), 1) * plotWidth
            svg += "<line class=\"threshold\" x1=\"\(n(x))\" y1=\"\(n(top - 10))\" x2=\"\(n(x))\" y2=\"\(n(top + plotHeight))\"/>"
            let anchor = position > 0.7 ? "end" : "start"
            svg += text(x: x + (anchor == "end" ? -4 : 4), y: top - 14, anchor: anchor, cssClass: "threshold-label",
                        "\(threshold.label) = \(Format.number(threshold.value))")
        }
        return svg + "</svg>"
    }

    /// The funnel: one row per stage, kept and dropped documents as a stacked bar scaled to the largest stage.
    static func funnel(_ stages: [RunData.Stage]) -> String {
        let width = 640.0, rowHeight = 30.0, top = 8.0
        let labelWidth = 190.0, right = 90.0
        let plotWidth = width - labelWidth - right
        let height = top * 2 + rowHeight * Double(stages.count) + 20
        let peak = max(stages.map(\.seen).max() ?? 0, 1)
        var svg = "<svg class=\"chart funnel\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"Documents through each stage\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>Documents through each stage</title>"
        for (index, stage) in stages.enumerated() {
            let y = top + Double(index) * rowHeight
            let keptWidth = plotWidth * Double(stage.kept) / Double(peak)
            let droppedWidth = plotWidth * Double(stage.dropped) / Double(peak)
            let name = stage.label.count > 26 ? String(stage.label.prefix(25)) + "…" : stage.label
            svg += text(x: labelWidth - 8, y: y + 19, anchor: "end", name)
            svg += "<rect class=\"kept\" x=\"\(n(labelWidth))\" y=\"\(n(y + 4))\" width=\"\(n(keptWidth))\" height=\"\(n(rowHeight - 8))\"><title>\(HTMLText.escape(stage.label)): kept \(Format.count(stage.kept))</title></rect>"
            if stage.dropped > 0 {
                svg += "<rect class=\"dropped\" x=\"\(n(labelWidth + keptWidth))\" y=\"\(n(y + 4))\" width=\"\(n(max(droppedWidth, 1)))\" height=\"\(n(rowHeight - 8))\"><title>\(HTMLText.escape(stage.label)): dropped \(Format.count(stage.dropped))</title></rect>"
            }
            svg += text(x: labelWidth + keptWidth + droppedWidth + 6, y: y + 19, anchor: "start",
                        stage.dropped > 0 ? "\(Format.count(stage.kept)) (−\(Format.count(stage.dropped)))" : Format.count(stage.kept))
        }
        let legendY = height - 8
        svg += "<rect class=\"kept\" x=\"\(n(labelWidth))\" y=\"\(n(legendY - 10))\" width=\"12\" height=\"12\"/>"
        svg += text(x: labelWidth + 16, y: legendY, anchor: "start", "kept")
        svg += "<rect class=\"dropped\" x=\"\(n(labelWidth + 70))\" y=\"\(n(legendY - 10))\" width=\"12\" height=\"12\"/>"
        svg += text(x: labelWidth + 86, y: legendY, anchor: "start", "dropped")
        return svg + "</svg>"
    }

    static func text(x: Double, y: Double, anchor: String, cssClass: String? = nil, _ content: String) -> String {
        let classAttribute = cssClass.map { " class=\"\($0)\"" } ?? ""
        return "<text\(classAttribute) x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\">\(HTMLText.escape(content))</text>"
    }

    /// Coordinates with at most one decimal, so the output is short and byte-stable.
    static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int64(tenths / 10)
        let fraction = Int64(abs(tenths)) % 10
        if fraction == 0 { return "\(Int64(tenths) / 10)" }
        return tenths < 0 && whole == 0 ? "-0.\(fraction)" : "\(whole).\(fraction)"
    }
}
