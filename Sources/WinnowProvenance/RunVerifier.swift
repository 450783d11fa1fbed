internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Checks a run directory against its manifest without trusting anything but the manifest's signature:
/// the manifest's checksum file, every listed file's size and SHA-256, that no unlisted file sits among
/// the outputs, the files Merkle root, the documents Merkle root recomputed from the shard lines, the
/// leaves file, and the Ed25519 signature. It never reads outside the run directory: a manifest that
/// names an absolute path or `..` is rejected as tampered.
public struct RunVerifier {
    public struct Report: Sendable {
        public var files: Int
        public var documents: Int
        public var documentsRoot: String
        public var filesRoot: String
        /// The signer's public key (base64), when the manifest is signed.
        public var signedBy: String?
    }

    public let runDirectory: String

    public init(runDirectory: String) {
        var root = runDirectory
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.runDirectory = root
    }

    func fail(_ message: String, _ path: String? = nil) -> WinnowError {
        WinnowError(.verificationFailed, message, at: path.map { .init(path: $0) }, scope: .run)
    }

    public func verify(requireSignature: Bool = false) throws -> Report {
        let manifestPath = "\(runDirectory)/manifest.json"
        let manifestBytes = try FileSystem.readFile(manifestPath)
        let checksumPath = "\(runDirectory)/manifest.sha256"
        if try FileSystem.fileExists(checksumPath) {
            let expected = String(decoding: try FileSystem.readFile(checksumPath), as: UTF8.self)
            guard expected == "\(StableHash.sha256Hex(manifestBytes))  manifest.json\n" else {
                throw fail("manifest.json does not match manifest.sha256", manifestPath)
            }
        }
        guard let manifest = try? JSONParser.parse(manifestBytes), manifest["schema"]?.stringValue == Manifest.schema else {
            throw fail("not a \(Manifest.schema) manifest", manifestPath)
        }

        // The signature covers everything else in the manifest.
        var signedBy: String?
        if let signature = manifest["signature"] {
            guard signature["algorithm"]?.stringValue == "ed25519", let key = signature["public_key"]?.stringValue,
                  let value = signature["value"]?.stringValue,
                  SignatureCheck.isValid(signature: value, message: Manifest.signingMessage(manifest), publicKey: key)
            else { throw fail("the manifest's Ed25519 signature does not verify", manifestPath) }
            signedBy = key
        } else if requireSignature {
            throw fail("the manifest is not signed", manifestPath)
        }

        // Every listed file, exactly as listed.
        guard let outputs = manifest["outputs"]?.arrayValue else { throw fail("manifest lists no outputs", manifestPath) }
        var listed: [String: (bytes: Int64, sha256: String)] = [:]
        var fileLeaves: [[UInt8]] = []
        var previous: [UInt8]?
        for output in outputs {
            guard let path = output["path"]?.stringValue, let bytes = output["bytes"]?.int64Value, let sha256 = output["sha256"]?.stringValue else {
                throw fail("manifest has an output without path, bytes and sha256", manifestPath)
            }
            guard Manifest.isSafeRelativePath(path) else {
                throw fail("manifest names '\(path)', outside the run directory: the manifest is tampered", manifestPath)
            }
            let key = Array(path.utf8)
            if let previous, !previous.lexicographicallyPrecedes(key) { throw fail("manifest outputs are not sorted by path", manifestPath) }
            previous = key
            let file = "\(runDirectory)/\(path)"
            guard try FileSystem.isRegularFile(file), !(try FileSystem.isSymbolicLink(file)) else { throw fail("listed file is missing", file) }
            let actualBytes = try FileSystem.fileSize(file)
            guard actualBytes == bytes else { throw fail("size is \(actualBytes) bytes, the manifest says \(bytes)", file) }
            guard try FileDigest.sha256(of: file) == sha256 else { throw fail("SHA-256 differs from the manifest's", file) }
            listed[path] = (bytes, sha256)
            fileLeaves.append(ProvenanceRecords.leafHash(ProvenanceRecords.fileLeaf(path: path, bytes: bytes, sha256: sha256)))
        }
        for directory in ["shards", "lineage", "rejects"] {
            let absolute = "\(runDirectory)/\(directory)"
            guard try FileSystem.isDirectory(absolute) else { continue }
            for file in try FileSystem.walk(absolute) where listed[String(file.dropFirst(runDirectory.count + 1))] == nil {
                throw fail("file is not listed in the manifest", file)
            }
        }
        let filesRoot = Hex.encode(MerkleTree(leafHashes: fileLeaves).root)
        guard filesRoot == manifest["merkle"]?["files"]?["root"]?.stringValue else {
            throw fail("the files Merkle root differs from the manifest's", manifestPath)
        }

        // The documents root, recomputed from the shards themselves, in (shard, line) order.
        var leaves: [[UInt8]] = []
        let shardPaths = listed.keys.filter { $0.hasPrefix("shards/") }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        for path in shardPaths {
            let file = "\(runDirectory)/\(path)"
            let shard = String(path.dropFirst("shards/".count))
            let reader = LineReader(source: try InputFile.open(file), path: file, maxLineBytes: Int(UInt32.max))
            try reader.forEachLine({ line in
                guard let object = (try? JSONParser.parse(line.bytes))?.objectValue, let id = object["id"]?.stringValue,
                      let text = object["text"]?.stringValue, let source = object["source"]?.stringValue
                else { throw fail("shard line \(line.number) is not a document", file) }
                let leaf = ProvenanceRecords.documentLeaf(
                    id: id, sha256: StableHash.sha256Hex(text), source: source, weight: object["weight"] ?? .null,
                    shard: shard, line: line.number)
                leaves.append(ProvenanceRecords.leafHash(leaf))
            }, oversized: { _ in })
        }
        let documentsRoot = Hex.encode(MerkleTree(leafHashes: leaves).root)
        guard documentsRoot == manifest["merkle"]?["documents"]?["root"]?.stringValue,
              manifest["merkle"]?["documents"]?["size"]?.int64Value == Int64(leaves.count)
        else { throw fail("the documents Merkle root recomputed from the shards differs from the manifest's", manifestPath) }
        if listed["lineage/leaves.bin"] != nil {
            guard try FileSystem.readFile("\(runDirectory)/lineage/leaves.bin") == leaves.flatMap({ $0 }) else {
                throw fail("lineage/leaves.bin does not match the shards", "\(runDirectory)/lineage/leaves.bin")
            }
        }
        return Report(files: listed.count, documents: leaves.count, documentsRoot: documentsRoot, filesRoot: filesRoot, signedBy: signedBy)
    }
}
