internal import Foundation
internal import WinnowCore

/// The CSV tables of a consensus: items (`item,label,confidence`, then one `p_<class>` column per class when
/// asked) and labelers. Rows are sorted by id bytes, numbers are written with Swift's shortest round-trip
/// formatting, and fields that hold a comma, a quote or a line break are quoted (RFC 4180).
public enum ConsensusCSV {
    /// `item,label,confidence[,p_<class>...]`, header first, one line per item.
    public static func items(_ result: ConsensusResult, posteriors: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(result.items.count * 32)
        append("item,label,confidence", to: &out)
        if posteriors { for name in result.classes.classes { append(",", to: &out); field("p_" + name, to: &out) } }
        out.append(0x0a)
        let K = result.classes.count
        for t in result.items.indices {
            field(result.items[t], to: &out)
            out.append(0x2c)
            field(result.classes.classes[result.labels[t]], to: &out)
            out.append(0x2c)
            append(number(result.confidence(t)), to: &out)
            if posteriors {
                for c in 0..<K {
                    out.append(0x2c)
                    append(number(result.posteriors[t * K + c]), to: &out)
                }
            }
            out.append(0x0a)
        }
        return out
    }

    /// `labeler,labels,accuracy,agreement,chance,spammer,adversarial,confusion` where `confusion` is the
    /// row-major truth × answer matrix as numbers separated by spaces.
    public static func labelers(_ result: ConsensusResult) -> [UInt8] {
        var out: [UInt8] = []
        append("labeler,labels,accuracy,agreement,chance,spammer,adversarial,confusion\n", to: &out)
        for report in result.labelers {
            field(report.id, to: &out)
            append(",\(report.labels),\(number(report.accuracy)),\(number(report.agreement)),\(number(report.chance)),\(report.spammer),\(report.adversarial),", to: &out)
            append(report.confusion.map(number).joined(separator: " "), to: &out)
            out.append(0x0a)
        }
        return out
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "nan"
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// A CSV field, quoted when it holds `,`, `"`, CR or LF.
    static func field(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == 0x2c || $0 == 0x22 || $0 == 0x0a || $0 == 0x0d }
        guard needsQuotes else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }
}
