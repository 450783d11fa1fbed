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
        maxExpansionRatio: Double? = JSONLReader.defaultMaxExpansionRatio,
        label: String = "read.jsonl"
    ) -> JSONLReader {
        JSONLReader(
            inputs, textField: textField, idField: idField, defaultSource: defaultSource,
            missingID: missingID, maxRecordBytes: maxRecordBytes, maxExpansionRatio: maxExpansionRatio, label: label)
    }
}

extension Read {
    /// WARC and WET files (`.warc`, `.warc.gz`, `.warc.zst`, `.wet.gz`). HTML responses carry raw content for
    /// `Extract.html`. See ``WARCReader``.
    public static func warc(
        _ inputs: String..., source: String = "warc", maxRecordBytes: Int = 32 << 20,
        htmlMediaTypes: [String] = ["text/html", "application/xhtml+xml"],
        maxExpansionRatio: Double? = JSONLReader.defaultMaxExpansionRatio, label: String = "read.warc"
    ) -> WARCReader {
        WARCReader(
            inputs, source: source, maxRecordBytes: maxRecordBytes, htmlMediaTypes: htmlMediaTypes,
            maxExpansionRatio: maxExpansionRatio, label: label)
    }

    /// HTML files, one document each, with raw content for `Extract.html`. See ``HTMLFileReader``.
    public static func html(
        _ inputs: String..., source: String = "html", idPrefix: String = "", maxFileBytes: Int = 32 << 20, label: String = "read.html"
    ) -> HTMLFileReader {
        HTMLFileReader(inputs, source: source, idPrefix: idPrefix, maxFileBytes: maxFileBytes, label: label)
    }

    /// Plain text files, one document each. See ``TextFileReader``.
    public static func text(
        _ inputs: String..., source: String = "text", idPrefix: String = "", maxFileBytes: Int = 64 << 20,
        invalidUTF8: TextFileReader.InvalidUTF8Policy = .replace, label: String = "read.text"
    ) -> TextFileReader {
        TextFileReader(inputs, source: source, idPrefix: idPrefix, maxFileBytes: maxFileBytes, invalidUTF8: invalidUTF8, label: label)
    }

    /// Source-code trees, one work unit per tree. See ``CodeTreeReader``.
    public static func code(
        _ inputs: String..., source: String = "code", repository: String? = nil, maxFileBytes: Int = 1_000_000,
        minifiedLineLength: Int = 5_000, label: String = "read.code"
    ) -> CodeTreeReader {
        CodeTreeReader(inputs, source: source, repository: repository, maxFileBytes: maxFileBytes, minifiedLineLength: minifiedLineLength, label: label)
    }
}
