internal import Foundation
internal import WinnowCore
internal import WinnowJSON

/// The JSON form of a ``Document`` between two segments of a run: every field, the origin and the
/// attributes, so that the next segment sees exactly what the previous one passed on.
enum PartDocumentCoding {
    static func encode(_ document: Document, into writer: inout JSONWriter) {
        var origin = JSONObject()
        origin["path"] = .string(document.origin.path)
        origin["input"] = .number(JSONNumber(document.origin.inputIndex))
        origin["ordinal"] = .number(JSONNumber(document.origin.ordinal))
        if let offset = document.origin.byteOffset { origin["offset"] = .number(JSONNumber(offset)) }
        if let line = document.origin.line { origin["line"] = .number(JSONNumber(line)) }
        if let recordID = document.origin.recordID { origin["record_id"] = .string(recordID) }
        var object = JSONObject()
        object["id"] = .string(document.id)
        object["text"] = .string(document.text)
        object["source"] = .string(document.source)
        if let added = document.added { object["added"] = .string(added) }
        if let created = document.created { object["created"] = .string(created) }
        object["metadata"] = .object(document.metadata)
        object["attributes"] = .object(document.attributes)
        object["origin"] = .object(origin)
        if let weight = document.weight, weight.isFinite { object["weight"] = .number(JSONNumber(weight)) }
        if document.copies != 1 { object["copies"] = .number(JSONNumber(document.copies)) }
        if let raw = document.raw {
            var rawObject = JSONObject()
            rawObject["base64"] = .string(Data(raw.bytes).base64EncodedString())
            if let mediaType = raw.mediaType { rawObject["media_type"] = .string(mediaType) }
            if let charset = raw.charset { rawObject["charset"] = .string(charset) }
            object["raw"] = .object(rawObject)
        }
        writer.write(.object(object))
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, line: Int64) throws -> Document {
        func corrupt(_ reason: String) -> WinnowError {
            WinnowError(.internalInconsistency, "intermediate part is corrupt: \(reason)", at: .init(path: path, line: line), scope: .task)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw corrupt("\(error)")
        }
        guard let object = value.objectValue,
              let id = object["id"]?.stringValue,
              let text = object["text"]?.stringValue,
              let source = object["source"]?.stringValue,
              let metadata = object["metadata"]?.objectValue,
              let attributes = object["attributes"]?.objectValue,
              let origin = object["origin"]?.objectValue,
              let originPath = origin["path"]?.stringValue,
              let input = origin["input"]?.int64Value,
              let ordinal = origin["ordinal"]?.int64Value
        else { throw corrupt("a required field is missing") }
        var raw: RawContent?
        if let rawObject = object["raw"]?.objectValue {
            guard let encoded = rawObject["base64"]?.stringValue, let bytes = Data(base64Encoded: encoded) else {
                throw corrupt("raw content is not base64")
            }
            raw = RawContent(bytes: Array(bytes), mediaType: rawObject["media_type"]?.stringValue, charset: rawObject["charset"]?.stringValue)
        }
        var document = Document(
            id: id, text: text, source: source,
            added: object["added"]?.stringValue, created: object["created"]?.stringValue,
            metadata: metadata, attributes: attributes,
            origin: Origin(
                path: originPath, inputIndex: Int(input), ordinal: ordinal,
                byteOffset: origin["offset"]?.int64Value, line: origin["line"]?.int64Value,
                recordID: origin["record_id"]?.stringValue),
            raw: raw)
        document.weight = object["weight"]?.doubleValue
        if let copies = object["copies"] {
            guard let count = copies.int64Value, count >= 0 else { throw corrupt("copies is not a count") }
            document.copies = count
        }
        return document
    }
}
