public import WinnowCore
internal import WinnowIO
internal import WinnowJSON

extension MinHashDedup {
    public func makeApplier(unit: Int, context: TaskContext) throws -> any DocumentProcessor {
        let path = decisionsFile(context, unit: unit)
        var rows: [DecisionRow] = []
        if try FileSystem.fileExists(path) {
            var reader = BinaryReader(bytes: try FileSystem.readFile(path), path: path)
            while !reader.isAtEnd { rows.append(try DecisionRow.read(&reader)) }
        }
        return Applier(label: label, rows: rows)
    }

    /// Applies a unit's decisions (sorted by record ordinal) to its documents, which arrive in that order.
    struct Applier: DocumentProcessor {
        let label: String
        let rows: [DecisionRow]
        var next = 0

        mutating func process(_ document: inout Document) throws -> Decision {
            let ordinal = UInt64(document.origin.ordinal)
            while next < rows.count, rows[next].ordinal < ordinal { next += 1 }
            guard next < rows.count, rows[next].ordinal == ordinal else { return .keep }
            let row = rows[next]
            if row.drop {
                return .drop(
                    reason: "near_duplicate",
                    detail: "near duplicate of \(row.keptID) (\(row.exact ? "exact" : "estimated") Jaccard \(Self.format(row.jaccard)), cluster \(row.clusterID))")
            }
            document.attributes[label] = .object([
                "cluster": .string(row.clusterID),
                "cluster_size": .number(JSONNumber(Int64(row.clusterSize))),
            ])
            return .keep
        }

        /// Three decimals, as text that does not depend on the locale.
        static func format(_ value: Double) -> String {
            let thousandths = Int((value * 1000).rounded())
            let whole = thousandths / 1000
            let fraction = String(thousandths % 1000)
            return "\(whole).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
        }
    }
}
