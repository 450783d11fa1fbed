/// Reader stages, for the head of a pipeline.
public enum Read {
    /// JSON Lines (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`; globs and directories allowed). See ``JSONLReader``.
    public static func jsonl(
        _ inputs: String...,
        textField: String = "text",
        idField: String = "id",
        defaultSource: String = "jsonl",
        missingID: JSONLReader.MissingIDPolicy = .derive,
        maxRecordBytes: Int = 64 << 20,
        label: String = "read.jsonl"
    ) -> JSONLReader {
        JSONLReader(
            inputs, textField: textField, idField: idField, defaultSource: defaultSource,
            missingID: missingID, maxRecordBytes: maxRecordBytes, label: label)
    }
}
