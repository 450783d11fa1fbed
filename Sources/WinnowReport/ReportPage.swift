internal import WinnowJSON

/// Renders ``RunData`` as one self-contained HTML page: inline CSS and SVG, no script, no external
/// resource. The output depends only on the run's files (no clock), so the same run gives the same bytes.
struct ReportPage {
    let data: RunData
    /// How many rows the long tables (sources, contributors, languages) show.
    static let topRows = 25
    /// How many labelers get a confusion matrix.
    static let maxMatrices = 24

    func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>Winnow run report: \(e(data.pipeline))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n"
        html += "<header><h1>Run report: \(e(data.pipeline))</h1><p>\(e(data.directory)) · fingerprint <code>\(e(String(data.fingerprint.prefix(16))))</code></p></header>\n"
        html += "<nav>" + ReportSection.allCases.map { "<a href=\"#\($0.anchor)\">\(e($0.rawValue))</a>" }.joined() + "</nav>\n<main>\n"
        for section in ReportSection.allCases {
            html += "<section id=\"\(section.anchor)\">\n<h2>\(e(section.rawValue))</h2>\n"
            html += body(section)
            html += "</section>\n"
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    func body(_ section: ReportSection) -> String {
        switch section {
        case .summary: summary()
        case .funnel: funnel()
        case .dropReasons: dropReasons()
        case .scores: scores()
        case .languages: languages()
        case .sources: sources()
        case .duplicates: duplicates()
        case .labelers: labelers()
        case .rewards: rewards()
        case .provenance: provenance()
        case .plan: plan()
        }
    }

    // MARK: Sections

    func summary() -> String {
        let dropped = data.stages.reduce(Int64(0)) { $0 + $1.dropped }
        let rejected = data.rejects.reduce(Int64(0)) { $0 + $1.count }
        // (label, HTML value): every value is escaped here, the manifest badge is markup.
        let cards: [(String, String)] = [
            ("Inputs", e("\(Format.count(data.inputs)) files")),
            ("Input bytes", e(Format.bytes(data.inputBytes))),
            ("Documents read", e(Format.count(data.documentsRead))),
            ("Records rejected", e(Format.count(rejected))),
            ("Documents dropped", e(Format.count(dropped))),
            ("Documents written", e(Format.count(data.documentsWritten))),
            ("Kept", e(Format.percent(data.documentsWritten, of: data.documentsRead))),
            ("Shards", e("\(Format.count(data.shards)) · \(Format.bytes(data.shardBytes))")),
            ("Wall time", e("\(Format.fixed(data.wallSeconds, 2)) s")),
            ("Workers", e(Format.count(data.workers))),
            ("Manifest", verificationShort()),
        ]
        var html = "<div class=\"cards\">"
        for (key, value) in cards {
            html += "<div class=\"card\"><div class=\"k\">\(e(key))</div><div class=\"v\">\(value)</div></div>"
        }
        html += "</div>\n"
        if data.lineage.problems > 0 {
            html += "<p class=\"note bad\">\(Format.count(data.lineage.problems)) lineage lines or files could not be read; the figures below leave them out. First: \(e(data.lineage.firstProblem ?? ""))</p>\n"
        }
        return html
    }

    func funnel() -> String {
        guard !data.stages.isEmpty else { return note("No stage counts in stats.json.") }
        var html = "<div class=\"scroll\">\(SVGChart.funnel(data.stages))</div>\n"
        html += "<p class=\"note\">Readers (source stages) run side by side; the stages after them see every document the readers kept.</p>\n"
        var rows: [[Cell]] = []
        for stage in data.stages {
            rows.append([.text(stage.label), .code(stage.stage), .number(stage.seen), .number(stage.kept), .number(stage.dropped),
                         .plain(Format.percent(stage.dropped, of: stage.seen), numeric: true)])
        }
        html += table(["Stage", "Identifier", "Seen", "Kept", "Dropped", "Dropped %"], rows, numeric: [2, 3, 4, 5])
        if !data.phases.isEmpty {
            html += "<h3>Documents and bytes per phase</h3>\n"
            html += note("Bytes are measured per phase (a segment phase runs several stages back to back); the run read \(Format.bytes(data.inputBytes)) of input files and wrote \(Format.bytes(data.shardBytes)) of shards.")
            let phaseRows: [[Cell]] = data.phases.map {
                [.text($0.name), .number($0.tasks), .number($0.documentsIn), .number($0.documentsOut),
                 .plain(Format.bytes($0.bytesIn), numeric: true), .plain(Format.bytes($0.bytesOut), numeric: true),
                 .plain(Format.fixed($0.seconds, 3), numeric: true)]
            }
            html += table(["Phase", "Tasks", "Documents in", "Documents out", "Bytes in", "Bytes out", "Slowest task (s)"], phaseRows,
                          numeric: [1, 2, 3, 4, 5, 6])
        }
        return html
    }

    func dropReasons() -> String {
        var rows: [[Cell]] = []
        let peak = data.stages.flatMap { $0.reasons.map(\.count) }.max() ?? 1
        for stage in data.stages {
            for (reason, count) in stage.reasons {
                rows.append([.text(stage.label), .code(reason), .number(count), .plain(Format.percent(count, of: stage.seen), numeric: true),
                             .bar(count, of: peak, dropped: true)])
            }
        }
        var html = rows.isEmpty ? note("No stage dropped a document.") : table(["Stage", "Reason", "Documents", "Of stage", ""], rows, numeric: [2, 3])
        if !data.rejects.isEmpty {
            html += "<h3>Records rejected by the readers</h3>\n"
            html += table(["Error code", "Records"], data.rejects.map { [.code($0.code), .number($0.count)] }, numeric: [1])
        }
        return html
    }

    func scores() -> String {
        let keys = orderedScoreKeys()
        guard !keys.isEmpty else { return note("No numeric scores in the lineage attributes of this run.") }
        var html = note("Every numeric attribute a stage recorded, over all documents that reached it (kept and dropped). Dashed lines mark the thresholds in the stage's config.")
        html += "<div class=\"grid\">\n"
        for key in keys {
            let values = data.lineage.scores[key] ?? []
            let thresholds = ScoreThreshold.find(score: key.key, in: data.stageConfig(key.stage))
            let histogram = Histogram(values, including: thresholds.map(\.value))
            let title = key.stage.isEmpty ? key.key : "\(key.stage) · \(key.key)"
            let sorted = values.sorted()
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            html += "<figure><figcaption>\(e(title))</figcaption>"
            html += "<p>n \(Format.count(values.count)) · min \(Format.number(sorted.first ?? 0)) · median \(Format.number(Quantiles.nearestRank(sorted, 0.5))) · mean \(Format.number(mean)) · max \(Format.number(sorted.last ?? 0))</p>"
            html += SVGChart.histogram(histogram, title: title, thresholds: thresholds)
            html += "</figure>\n"
        }
        return html + "</div>\n"
    }

    func languages() -> String {
        let entries = data.lineage.languages.map { (key: $0.key, all: $0.value.all, kept: $0.value.kept) }
            .sorted { $0.all != $1.all ? $0.all > $1.all : utf8Less($0.key, $1.key) }
        guard !entries.isEmpty else { return note("No language in this run's lineage (no <code>lang</code> attribute or <code>metadata.lang</code>).") }
        let peak = entries.first?.all ?? 1
        let total = entries.reduce(Int64(0)) { $0 + $1.all }
        var rows = entries.prefix(Self.topRows).map { entry -> [Cell] in
            [.code(entry.key), .number(entry.all), .number(entry.kept), .plain(Format.percent(entry.all, of: total), numeric: true), .bar(entry.all, of: peak, dropped: false)]
        }
        if entries.count > Self.topRows {
            let rest = entries.dropFirst(Self.topRows)
            rows.append([.text("\(entries.count - Self.topRows) more"), .number(rest.reduce(0) { $0 + $1.all }), .number(rest.reduce(0) { $0 + $1.kept }), .plain("", numeric: false), .plain("", numeric: false)])
        }
        return table(["Language", "Documents", "Kept", "Share", ""], rows, numeric: [1, 2, 3])
    }

    func sources() -> String {
        var html = "<h3>Sources</h3>\n"
        let entries = data.lineage.sources.map { (key: $0.key, counts: $0.value) }
            .sorted { $0.counts.total != $1.counts.total ? $0.counts.total > $1.counts.total : utf8Less($0.key, $1.key) }
        if entries.isEmpty {
            html += note("No lineage records, so no per-source figures.")
        } else {
            let peak = entries.first?.counts.total ?? 1
            var rows = entries.prefix(Self.topRows).map { entry -> [Cell] in
                [.code(entry.key), .number(entry.counts.total), .number(entry.counts.kept), .number(entry.counts.dropped + entry.counts.other),
                 .plain(Format.percent(entry.counts.kept, of: entry.counts.total), numeric: true), .bar(entry.counts.total, of: peak, dropped: false)]
            }
            if entries.count > Self.topRows {
                let rest = entries.dropFirst(Self.topRows)
                rows.append([.text("\(entries.count - Self.topRows) more"), .number(rest.reduce(0) { $0 + $1.counts.total }),
                             .number(rest.reduce(0) { $0 + $1.counts.kept }), .number(rest.reduce(0) { $0 + $1.counts.dropped + $1.counts.other }),
                             .plain("", numeric: false), .plain("", numeric: false)])
            }
            html += table(["Source", "Documents", "Kept", "Dropped", "Kept %", ""], rows, numeric: [1, 2, 3, 4])
        }
        html += "<h3>Contributors (reward ledger)</h3>\n"
        guard let contributors = data.ledger?["contributors"]?.arrayValue, !contributors.isEmpty else {
            return html + note("No reward ledger in this run (no ledger.json), so no contributor breakdown.")
        }
        let top = ledgerTop(contributors)
        html += table(["Contributor", "Documents", "Duplicates absorbed", "Weight", "Amount"], top.map {
            [.code($0["id"]?.stringValue ?? ""), .number($0["documents"]?.int64Value ?? 0), .number($0["duplicatesAbsorbed"]?.int64Value ?? 0),
             .plain(Format.number($0["weight"]?.doubleValue ?? 0), numeric: true), .number($0["amount"]?.int64Value ?? 0)]
        }, numeric: [1, 2, 3, 4])
        if contributors.count > top.count { html += note("Top \(top.count) of \(Format.count(contributors.count)) contributors by amount.") }
        return html
    }

    func duplicates() -> String {
        let sizes = data.lineage.clusterSizes.sorted { $0.key < $1.key }
        guard !sizes.isEmpty else { return note("No duplicate clusters recorded (no <code>copies</code> or <code>cluster_size</code> attribute on kept documents).") }
        let clusters = sizes.reduce(Int64(0)) { $0 + $1.value }
        let removed = sizes.reduce(Int64(0)) { $0 + $1.value * ($1.key - 1) }
        var html = note("\(Format.count(clusters)) clusters of two or more copies; deduplication kept one document of each and removed \(Format.count(removed)) copies.")
        var values: [Double] = []
        for (size, count) in sizes { values += Array(repeating: Double(size), count: Int(count)) }
        html += "<div class=\"grid\"><figure><figcaption>Cluster size (documents per cluster)</figcaption>"
        html += SVGChart.histogram(Histogram(values), title: "Duplicate cluster sizes") + "</figure></div>\n"
        html += table(["Cluster size", "Clusters", "Copies removed"], sizes.map { [.number($0.key), .number($0.value), .number($0.value * ($0.key - 1))] }, numeric: [0, 1, 2])
        return html
    }

    func labelers() -> String {
        var html = ""
        if data.labelerTables.isEmpty && data.lineage.categories.isEmpty { return note("No labels in this run.") }
        for table in data.labelerTables {
            html += "<h3>\(e(table.stage)): \(Format.count(table.labelers.count)) labelers</h3>\n"
            if !table.classes.isEmpty {
                html += note("Classes and prior: " + zip(table.classes, table.priors + Array(repeating: .nan, count: max(0, table.classes.count - table.priors.count)))
                    .map { "\(e($0.0)) \($0.1.isNaN ? "" : Format.fixed($0.1, 3))" }.joined(separator: " · "))
            }
            let rows: [[Cell]] = table.labelers.map { labeler in
                let spammer = labeler["spammer"]?.boolValue ?? false, adversarial = labeler["adversarial"]?.boolValue ?? false
                return [.code(labeler["id"]?.stringValue ?? ""), .number(labeler["labels"]?.int64Value ?? 0),
                        .plain(Format.fixed(labeler["accuracy"]?.doubleValue ?? 0, 3), numeric: true),
                        .plain(Format.fixed(labeler["agreement"]?.doubleValue ?? 0, 3), numeric: true),
                        .plain(Format.fixed(labeler["chance"]?.doubleValue ?? 0, 3), numeric: true),
                        .flag(adversarial ? "adversarial" : spammer ? "spammer" : "")]
            }
            html += self.table(["Labeler", "Labels", "Accuracy", "Agreement", "Chance", "Flag"], rows, numeric: [1, 2, 3, 4])
            html += "<h3>Confusion matrices (rows: consensus truth, columns: labeler's answer)</h3>\n<div class=\"matrices\">"
            for labeler in table.labelers.prefix(Self.maxMatrices) {
                html += confusionMatrix(labeler, classes: table.classes)
            }
            html += "</div>\n"
            if table.labelers.count > Self.maxMatrices {
                html += note("Matrices of the first \(Self.maxMatrices) of \(Format.count(table.labelers.count)) labelers; labelers.json has them all.")
            }
        }
        for (stage, counts) in data.lineage.categories.sorted(by: { utf8Less($0.key, $1.key) }) {
            let entries = counts.sorted { $0.value != $1.value ? $0.value > $1.value : utf8Less($0.key, $1.key) }
            let peak = entries.first?.value ?? 1
            html += "<h3>Consensus labels of \(e(stage))</h3>\n"
            html += table(["Label", "Documents", ""], entries.map { [.code($0.key), .number($0.value), .bar($0.value, of: peak, dropped: false)] }, numeric: [1])
        }
        return html
    }

    func rewards() -> String {
        var html = "<h3>Weights of kept documents</h3>\n"
        let weights = data.lineage.weights
        if weights.isEmpty {
            html += note("No document carries a weight in this run.")
        } else {
            let sorted = weights.sorted()
            html += note("n \(Format.count(weights.count)) · min \(Format.number(sorted.first ?? 0)) · p10 \(Format.number(Quantiles.nearestRank(sorted, 0.1))) · median \(Format.number(Quantiles.nearestRank(sorted, 0.5))) · p90 \(Format.number(Quantiles.nearestRank(sorted, 0.9))) · max \(Format.number(sorted.last ?? 0))")
            html += "<div class=\"grid\"><figure><figcaption>Document weight</figcaption>\(SVGChart.histogram(Histogram(weights), title: "Document weights"))</figure></div>\n"
        }
        html += "<h3>Reward ledger</h3>\n"
        guard let ledger = data.ledger else { return html + note("No reward ledger in this run (no ledger.json).") }
        let unit = ledger["unit"]?.stringValue ?? ""
        html += table(["Pool", "Amount", "Unallocated"], [
            [.text("Labelers"), .number(ledger["labelerPool"]?.int64Value ?? 0), .number(ledger["unallocatedLabelerPool"]?.int64Value ?? 0)],
            [.text("Contributors"), .number(ledger["contributorPool"]?.int64Value ?? 0), .number(ledger["unallocatedContributorPool"]?.int64Value ?? 0)],
        ], numeric: [1, 2])
        html += note("Amounts in \(e(unit))-units; duplicate credit: \(e(ledger["duplicateCredit"]?.stringValue ?? "")).")
        if let labelers = ledger["labelers"]?.arrayValue, !labelers.isEmpty {
            let top = ledgerTop(labelers)
            html += "<h3>Top labelers by reward</h3>\n"
            html += table(["Labeler", "Labels", "Information", "Amount"], top.map {
                [.code($0["id"]?.stringValue ?? ""), .number($0["labels"]?.int64Value ?? 0),
                 .plain(Format.number($0["information"]?.doubleValue ?? 0), numeric: true), .number($0["amount"]?.int64Value ?? 0)]
            }, numeric: [1, 2, 3])
        }
        if let contributors = ledger["contributors"]?.arrayValue, !contributors.isEmpty {
            let top = Array(ledgerTop(contributors).prefix(10))
            let peak = top.first?["amount"]?.int64Value ?? 1
            html += "<h3>Top contributors by reward</h3>\n"
            html += table(["Contributor", "Amount", ""], top.map {
                [.code($0["id"]?.stringValue ?? ""), .number($0["amount"]?.int64Value ?? 0), .bar($0["amount"]?.int64Value ?? 0, of: max(peak, 1), dropped: false)]
            }, numeric: [1])
        }
        return html
    }

    func provenance() -> String {
        var html = "<p>Plan fingerprint: <code>\(e(data.fingerprint))</code></p>\n"
        switch data.verification {
        case .verified(let files, let documents, let signedBy):
            html += "<p><span class=\"ok\">Verified</span>: \(Format.count(files)) files and \(Format.count(documents)) documents match manifest.json (file hashes, Merkle roots\(signedBy == nil ? "" : ", Ed25519 signature")).</p>\n"
            html += signedBy.map { "<p>Signed by <code>\(e($0))</code></p>\n" } ?? note("The manifest is not signed.")
        case .failed(let message):
            html += "<p><span class=\"bad\">Verification failed</span>: \(e(message))</p>\n"
        case .noManifest:
            html += note("No manifest.json in this run directory: nothing to verify.")
        }
        return html
    }

    func plan() -> String {
        guard let text = data.planText else { return note("No plan.json in this run directory.") }
        return "<pre>\(e(text))</pre>\n"
    }

    // MARK: Pieces

    func verificationShort() -> String {
        switch data.verification {
        case .verified: "<span class=\"ok\">verified</span>"
        case .failed: "<span class=\"bad\">failed</span>"
        case .noManifest: "none"
        }
    }

    func confusionMatrix(_ labeler: JSONValue, classes: [String]) -> String {
        let k = classes.count
        let values = (labeler["confusion"]?.arrayValue ?? []).compactMap(\.doubleValue)
        guard k > 0, values.count == k * k else { return "" }
        var html = "<div class=\"scroll\"><table class=\"cm\"><caption>\(e(labeler["id"]?.stringValue ?? ""))</caption><tr><th></th>"
        for name in classes { html += "<th>\(e(name))</th>" }
        html += "</tr>"
        for row in 0..<k {
            html += "<tr><th>\(e(classes[row]))</th>"
            for column in 0..<k {
                let p = min(max(values[row * k + column], 0), 1)
                let color = row == column ? "47,133,90" : "197,48,48"
                html += "<td style=\"background:rgba(\(color),\(Format.fixed(p * 0.85, 2)))\">\(Format.fixed(p, 2))</td>"
            }
            html += "</tr>"
        }
        return html + "</table></div>"
    }

    /// Ledger entries with the largest amounts first (ties by id bytes), at most ``topRows``.
    func ledgerTop(_ entries: [JSONValue]) -> [JSONValue] {
        Array(entries.sorted {
            let a = $0["amount"]?.int64Value ?? 0, b = $1["amount"]?.int64Value ?? 0
            return a != b ? a > b : utf8Less($0["id"]?.stringValue ?? "", $1["id"]?.stringValue ?? "")
        }.prefix(Self.topRows))
    }

    /// Score keys in pipeline order (stats.json's stage order), then by key bytes; stages not in the pipeline last.
    func orderedScoreKeys() -> [LineageSummary.ScoreKey] {
        let order = Dictionary(data.stages.enumerated().map { ($0.element.label, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return data.lineage.scores.keys.sorted { a, b in
            let ra = order[a.stage] ?? Int.max, rb = order[b.stage] ?? Int.max
            if ra != rb { return ra < rb }
            if a.stage != b.stage { return utf8Less(a.stage, b.stage) }
            return utf8Less(a.key, b.key)
        }
    }

    enum Cell {
        case text(String)
        case code(String)
        case number(Int64)
        case plain(String, numeric: Bool)
        case flag(String)
        case bar(Int64, of: Int64, dropped: Bool)
    }

    func table(_ headers: [String], _ rows: [[Cell]], numeric: Set<Int> = []) -> String {
        var html = "<div class=\"scroll\"><table><thead><tr>"
        for (index, header) in headers.enumerated() {
            html += numeric.contains(index) ? "<th class=\"n\">\(e(header))</th>" : "<th>\(e(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for cell in row {
                switch cell {
                case .text(let text): html += "<td>\(e(text))</td>"
                case .code(let text): html += "<td><code>\(e(text))</code></td>"
                case .number(let value): html += "<td class=\"n\">\(Format.count(value))</td>"
                case .plain(let text, let numeric): html += numeric ? "<td class=\"n\">\(e(text))</td>" : "<td>\(e(text))</td>"
                case .flag(let text): html += "<td class=\"flag\">\(e(text))</td>"
                case .bar(let value, let peak, let dropped):
                    let width = peak > 0 ? Double(value) * 160 / Double(peak) : 0
                    html += "<td><span class=\"cbar\(dropped ? " dropped" : "")\" style=\"width:\(SVGChart.n(max(width, 1)))px\"></span></td>"
                }
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>\n"
    }

    func note(_ text: String) -> String { "<p class=\"note\">\(text)</p>\n" }

    func e(_ text: String) -> String { HTMLText.escape(text) }
}

/// Orders strings by their UTF-8 bytes (not `String`'s Unicode ordering), for byte-stable output.
func utf8Less(_ a: String, _ b: String) -> Bool {
    Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
}
