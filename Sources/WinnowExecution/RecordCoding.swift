internal import Foundation
internal import WinnowCore
internal import WinnowJSON

/// The JSON lines of the quarantine (`rejects/`) and the drop log (`dropped/`).
enum RecordCoding {
    /// `{"path", "line", "offset", "code", "message", "raw" | "raw_base64", "raw_truncated"}`.
    static func reject(_ reject: Reject) -> [UInt8] {
        var object = JSONObject()
        object["path"] = reject.error.location.map { .string($0.path) } ?? .null
        object["line"] = reject.error.location?.line.map { .number(JSONNumber($0)) } ?? .null
        object["offset"] = reject.error.location?.byteOffset.map { .number(JSONNumber($0)) } ?? .null
        object["code"] = .string(reject.error.code.rawValue)
        object["message"] = .string(reject.error.message)
        if let text = String(validating: reject.raw, as: UTF8.self) {
            object["raw"] = .string(text)
        } else {
            object["raw_base64"] = .string(Data(reject.raw).base64EncodedString())
        }
        object["raw_truncated"] = .bool(reject.rawTruncated)
        return JSONValue.object(object).serialized() + [0x0a]
    }

    /// The origin object of lineage records: `{"path", "line", "offset", "ordinal", "record_id"}`.
    static func origin(_ origin: Origin) -> JSONValue {
        var object = JSONObject()
        object["path"] = .string(origin.path)
        object["line"] = origin.line.map { .number(JSONNumber($0)) } ?? .null
        object["offset"] = origin.byteOffset.map { .number(JSONNumber($0)) } ?? .null
        object["ordinal"] = .number(JSONNumber(origin.ordinal))
        if let recordID = origin.recordID { object["record_id"] = .string(recordID) }
        return .object(object)
    }

    /// A document a stage dropped: `{"id", "status": "dropped", "stage", "reason", "detail", "sha256",
    /// "source", "origin", "attributes"}` (attributes as they were when it was dropped).
    static func drop(_ document: Document, stage: String, reason: String, detail: String?, into writer: inout JSONWriter) {
        var object = JSONObject()
        object["id"] = .string(document.id)
        object["status"] = "dropped"
        object["stage"] = .string(stage)
        object["reason"] = .string(reason)
        object["detail"] = detail.map { .string($0) } ?? .null
        object["sha256"] = .string(document.textSHA256)
        object["source"] = .string(document.source)
        object["origin"] = origin(document.origin)
        object["attributes"] = .object(document.attributes)
        writer.write(.object(object))
    }

    /// A document that reached the writer: `{"id", "status": "kept", "sha256", "source", "weight", "copies"
    /// (when not 1), "origin", "attributes"}`; the lineage phase adds its shard, line and Merkle leaf index
    /// (of its first copy) and, for several copies, every copy's placement.
    static func kept(_ document: Document, into writer: inout JSONWriter) {
        var object = JSONObject()
        object["id"] = .string(document.id)
        object["status"] = "kept"
        object["sha256"] = .string(document.textSHA256)
        object["source"] = .string(document.source)
        object["weight"] = document.weight.flatMap { $0.isFinite ? .number(JSONNumber($0)) : nil } ?? .null
        if document.copies != 1 { object["copies"] = .number(JSONNumber(document.copies)) }
        object["origin"] = origin(document.origin)
        object["attributes"] = .object(document.attributes)
        writer.write(.object(object))
    }

    /// A record skipped by a reader: `{"id", "status": "skipped", "stage", "reason", "detail", "origin"}`.
    static func skip(_ skip: Skip, stage: String, into writer: inout JSONWriter) {
        var origin = JSONObject()
        origin["path"] = .string(skip.location.path)
        origin["line"] = skip.location.line.map { .number(JSONNumber($0)) } ?? .null
        origin["offset"] = skip.location.byteOffset.map { .number(JSONNumber($0)) } ?? .null
        var object = JSONObject()
        object["id"] = skip.id.map { .string($0) } ?? .null
        object["status"] = "skipped"
        object["stage"] = .string(stage)
        object["reason"] = .string(skip.reason)
        object["detail"] = skip.detail.map { .string($0) } ?? .null
        object["origin"] = .object(origin)
        writer.write(.object(object))
    }
}
