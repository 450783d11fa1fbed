/// The named fields of a WARC record header (WARC 1.0 and 1.1), looked up case-insensitively.
struct WARCRecordHeader {
    var version: String
    /// Field names lower-cased, values with surrounding white space removed; later duplicates are kept in order.
    var fields: [(name: String, value: String)] = []

    subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    var type: String? { self["warc-type"]?.lowercased() }
    var recordID: String? { self["warc-record-id"] }
    var targetURI: String? { self["warc-target-uri"] }
    var date: String? { self["warc-date"] }
    var contentLength: Int64? { self["content-length"].flatMap { Int64($0) }.flatMap { $0 >= 0 ? $0 : nil } }

    /// A record id without its angle brackets (`<urn:uuid:...>` becomes `urn:uuid:...`).
    static func bareID(_ id: String) -> String {
        var text = Substring(id)
        if text.hasPrefix("<") && text.hasSuffix(">") { text = text.dropFirst().dropLast() }
        return String(text)
    }
}
