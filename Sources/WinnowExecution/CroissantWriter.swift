internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON
internal import WinnowShards

/// Writes `croissant.json`: the run's shards described in MLCommons Croissant 1.1 (JSON-LD), with a
/// FileObject per shard (SHA-256), a FileSet over them, a RecordSet of the document fields, and PROV-O
/// links from the dataset to its inputs and to the run that generated it.
enum CroissantWriter {
    static let context: JSONValue = .object([
        "@language": "en",
        "@vocab": "https://schema.org/",
        "citeAs": "cr:citeAs",
        "column": "cr:column",
        "conformsTo": "dct:conformsTo",
        "cr": "http://mlcommons.org/croissant/",
        "rai": "http://mlcommons.org/croissant/RAI/",
        "data": .object(["@id": "cr:data", "@type": "@json"]),
        "dataType": .object(["@id": "cr:dataType", "@type": "@vocab"]),
        "dct": "http://purl.org/dc/terms/",
        "equivalentProperty": "cr:equivalentProperty",
        "examples": .object(["@id": "cr:examples", "@type": "@json"]),
        "extract": "cr:extract",
        "field": "cr:field",
        "fileProperty": "cr:fileProperty",
        "fileObject": "cr:fileObject",
        "fileSet": "cr:fileSet",
        "format": "cr:format",
        "includes": "cr:includes",
        "isLiveDataset": "cr:isLiveDataset",
        "jsonPath": "cr:jsonPath",
        "key": "cr:key",
        "md5": "cr:md5",
        "parentField": "cr:parentField",
        "path": "cr:path",
        "prov": "http://www.w3.org/ns/prov#",
        "recordSet": "cr:recordSet",
        "references": "cr:references",
        "regex": "cr:regex",
        "repeated": "cr:repeated",
        "replace": "cr:replace",
        "samplingRate": "cr:samplingRate",
        "sc": "https://schema.org/",
        "separator": "cr:separator",
        "source": "cr:source",
        "subField": "cr:subField",
        "transform": "cr:transform",
    ])

    static func write(
        layout: RunLayout, plan: Plan, info: RunInfo, finished: String, inputs: [InputDescriptor],
        shardLayout: ShardLayout, writer: ShardWriter
    ) throws {
        var distribution: [JSONValue] = []
        for shard in shardLayout.shards {
            let name = writer.shardName(shard.index)
            let path = "\(layout.shardsDirectory)/\(name)"
            distribution.append(.object([
                "@type": "cr:FileObject",
                "@id": .string(name),
                "name": .string(name),
                "contentUrl": .string("shards/\(name)"),
                "contentSize": .string("\(try FileSystem.fileSize(path)) B"),
                "encodingFormat": "application/jsonlines",
                "sha256": .string(try InputHashing.sha256(of: path)),
            ]))
        }
        distribution.append(.object([
            "@type": "cr:FileSet",
            "@id": "shards",
            "name": "shards",
            "description": .string("The \(shardLayout.shards.count) shards of the run (JSON Lines, \(writer.compression.rawValue))."),
            "encodingFormat": "application/jsonlines",
            "includes": .string("shards/\(writer.prefix)-*.jsonl\(writer.compression.fileExtension)"),
        ]))
        func field(_ name: String, _ type: String, _ description: String) -> JSONValue {
            .object([
                "@type": "cr:Field",
                "@id": .string("documents/\(name)"),
                "name": .string(name),
                "description": .string(description),
                "dataType": .string(type),
                "source": .object(["fileSet": .object(["@id": "shards"]), "extract": .object(["column": .string(name)])]),
            ])
        }
        let recordSet: JSONValue = .object([
            "@type": "cr:RecordSet",
            "@id": "documents",
            "name": "documents",
            "description": "One training document per shard line (Dolma document format).",
            "key": .object(["@id": "documents/id"]),
            "field": .array([
                field("id", "sc:Text", "Stable document identifier."),
                field("text", "sc:Text", "The document text."),
                field("source", "sc:Text", "The collection the document comes from."),
                field("added", "sc:Text", "When the document was added to its collection, as given by the input."),
                field("created", "sc:Text", "When the document was created, as given by the input."),
            ]),
        ])
        let dataset: JSONValue = .object([
            "@context": context,
            "@type": "sc:Dataset",
            "name": .string(plan.pipeline),
            "description": .string(plan.description.isEmpty ? "Output of the Winnow pipeline \(plan.pipeline)." : plan.description),
            "conformsTo": "http://mlcommons.org/croissant/1.1",
            "citeAs": .string("Winnow run \(info.runID) of pipeline \(plan.pipeline) (plan \(plan.fingerprint))"),
            "url": .string("winnow-run:\(info.runID)"),
            "version": "1.0.0",
            "datePublished": .string(String(finished.prefix(10))),
            "license": "https://spdx.org/licenses/NOASSERTION",
            "creator": .object(["@type": "sc:Organization", "name": .string("Winnow \(info.winnowVersion) run \(info.runID)")]),
            "distribution": .array(distribution),
            "recordSet": .array([recordSet]),
            "prov:wasDerivedFrom": .array(inputs.map { .object(["@id": .string("file:\($0.path)")]) }),
            "prov:wasGeneratedBy": .object([
                "@type": "prov:Activity",
                "@id": .string("winnow-run:\(info.runID)"),
                "prov:startedAtTime": .string(info.started),
                "prov:endedAtTime": .string(finished),
                "prov:wasAssociatedWith": .string("Winnow \(info.winnowVersion) plan \(plan.fingerprint)"),
            ]),
        ])
        try FileSystem.writeFileAtomically(layout.croissantFile, dataset.prettySerialized())
    }
}
