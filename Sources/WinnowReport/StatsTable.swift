internal import WinnowJSON

/// `winnow stats`: the report's key figures as plain-text tables with aligned columns.
struct StatsTable {
    let data: RunData

    func render() -> String {
        let dropped = data.stages.reduce(Int64(0)) { $0 + $1.dropped }
        let rejected = data.rejects.reduce(Int64(0)) { $0 + $1.count }
        var out = "run \(data.directory)\n\n"
        out += Self.table(["figure", "value"], [
            ["pipeline", data.pipeline],
            ["fingerprint", data.fingerprint],
            ["inputs", "\(Format.count(data.inputs)) files, \(Format.bytes(data.inputBytes))"],
            ["documents read", Format.count(data.documentsRead)],
            ["records rejected", Format.count(rejected)],
            ["documents dropped", Format.count(dropped)],
            ["documents written", "\(Format.count(data.documentsWritten)) (\(Format.percent(data.documentsWritten, of: data.documentsRead)) of read)"],
            ["shards", "\(Format.count(data.shards)), \(Format.bytes(data.shardBytes))"],
            ["wall time", "\(Format.fixed(data.wallSeconds, 2)) s on \(data.workers) workers"],
            ["manifest", verification()],
        ], right: [])
        out += "\n" + Self.table(["stage", "seen", "kept", "dropped", "dropped %", "top reasons"], data.stages.map { stage in
            [stage.label, Format.count(stage.seen), Format.count(stage.kept), Format.count(stage.dropped),
             Format.percent(stage.dropped, of: stage.seen),
             stage.reasons.prefix(3).map { "\($0.reason) \(Format.count($0.count))" }.joined(separator: ", ")]
        }, right: [1, 2, 3, 4])
        if !data.rejects.isEmpty {
            out += "\n" + Self.table(["reject code", "records"], data.rejects.map { [$0.code, Format.count($0.count)] }, right: [1])
        }
        let lineage = data.lineage
        if lineage.records > 0 {
            let sources = lineage.sources.map { (key: $0.key, counts: $0.value) }
                .sorted { $0.counts.total != $1.counts.total ? $0.counts.total > $1.counts.total : utf8Less($0.key, $1.key) }
            out += "\n" + Self.table(["source", "documents", "kept", "dropped"], sources.prefix(ReportPage.topRows).map {
                [$0.key, Format.count($0.counts.total), Format.count($0.counts.kept), Format.count($0.counts.dropped + $0.counts.other)]
            }, right: [1, 2, 3])
            if sources.count > ReportPage.topRows { out += "(\(sources.count - ReportPage.topRows) more sources)\n" }
            let languages = lineage.languages.map { (key: $0.key, all: $0.value.all, kept: $0.value.kept) }
                .sorted { $0.all != $1.all ? $0.all > $1.all : utf8Less($0.key, $1.key) }
            if !languages.isEmpty {
                out += "\n" + Self.table(["language", "documents", "kept"], languages.prefix(10).map {
                    [$0.key, Format.count($0.all), Format.count($0.kept)]
                }, right: [1, 2])
            }
            let page = ReportPage(data: data)
            let keys = page.orderedScoreKeys()
            if !keys.isEmpty {
                out += "\n" + Self.table(["score", "n", "min", "median", "mean", "max", "threshold"], keys.map { key in
                    let values = (lineage.scores[key] ?? []).sorted()
                    let mean = values.reduce(0, +) / Double(max(values.count, 1))
                    let thresholds = ScoreThreshold.find(score: key.key, in: data.stageConfig(key.stage))
                    return [key.stage.isEmpty ? key.key : "\(key.stage).\(key.key)", Format.count(values.count), Format.number(values.first ?? 0),
                            Format.number(Quantiles.nearestRank(values, 0.5)), Format.number(mean), Format.number(values.last ?? 0),
                            thresholds.map { "\($0.label) \(Format.number($0.value))" }.joined(separator: ", ")]
                }, right: [1, 2, 3, 4, 5])
            }
            let clusters = lineage.clusterSizes.reduce(Int64(0)) { $0 + $1.value }
            let removed = lineage.clusterSizes.reduce(Int64(0)) { $0 + $1.value * ($1.key - 1) }
            var extra: [[String]] = [["lineage records", Format.count(lineage.records)]]
            if clusters > 0 { extra.append(["duplicate clusters", "\(Format.count(clusters)) (\(Format.count(removed)) copies removed)"]) }
            if !lineage.weights.isEmpty {
                let sorted = lineage.weights.sorted()
                extra.append(["weights", "n \(Format.count(sorted.count)), min \(Format.number(sorted[0])), median \(Format.number(Quantiles.nearestRank(sorted, 0.5))), max \(Format.number(sorted[sorted.count - 1]))"])
            }
            for table in data.labelerTables {
                let flagged = table.labelers.filter { ($0["spammer"]?.boolValue ?? false) || ($0["adversarial"]?.boolValue ?? false) }.count
                extra.append(["labelers (\(table.stage))", "\(table.labelers.count), \(flagged) flagged"])
            }
            if let ledger = data.ledger {
                extra.append(["ledger", "labelers \(Format.count(ledger["labelerPool"]?.int64Value ?? 0)), contributors \(Format.count(ledger["contributorPool"]?.int64Value ?? 0)) \(ledger["unit"]?.stringValue ?? "")-units"])
            }
            if lineage.problems > 0 { extra.append(["unreadable lineage", "\(lineage.problems): \(lineage.firstProblem ?? "")"]) }
            out += "\n" + Self.table(["lineage", "value"], extra, right: [])
        }
        return out
    }

    func verification() -> String {
        switch data.verification {
        case .verified(let files, let documents, let signedBy):
            "verified (\(files) files, \(documents) documents, \(signedBy == nil ? "unsigned" : "signed"))"
        case .failed(let message): "FAILED: \(message)"
        case .noManifest: "none"
        }
    }

    /// Columns padded to their widest cell (in characters); columns in `right` are right-aligned.
    static func table(_ headers: [String], _ rows: [[String]], right: Set<Int>) -> String {
        let all = [headers] + rows
        var widths = Array(repeating: 0, count: headers.count)
        for row in all { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in row.enumerated() where index < widths.count {
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(right.contains(index) ? pad + cell : (index == row.count - 1 ? cell : cell + pad))
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = line(headers) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
