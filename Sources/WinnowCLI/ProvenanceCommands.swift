import ArgumentParser
import Foundation
import Winnow
import WinnowIO
import WinnowJSON

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Make an Ed25519 key file for signing run manifests (mode 0600).")

    @Option(name: .long, help: "Where to write the key file (it must not exist).")
    var out: String

    func run() throws {
        do {
            let key = try SigningKey.generate(writingTo: out)
            print("wrote \(out)\npublic key \(key.publicKeyBase64)")
        } catch {
            throw CLI.fail(error)
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a run against its manifest: file hashes, Merkle roots, signature.",
        discussion: "Exit code 0 when everything matches, 3 naming the first mismatch otherwise.")

    @Argument(help: "The run directory.")
    var directory: String

    @Flag(name: .long, help: "Fail when the manifest is not signed.")
    var requireSignature = false

    func run() throws {
        do {
            let report = try RunVerifier(runDirectory: directory).verify(requireSignature: requireSignature)
            print("verified \(report.files) files and \(report.documents) documents")
            print("documents root \(report.documentsRoot)")
            print("files root     \(report.filesRoot)")
            print(report.signedBy.map { "signed by      \($0)" } ?? "not signed")
        } catch {
            throw CLI.fail(error)
        }
    }
}

struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove", abstract: "Print a Merkle inclusion proof (JSON) that a kept document is in a run.")

    @Argument(help: "The document id.")
    var id: String

    @Option(name: .customLong("run"), help: "The run directory.")
    var runDirectory: String

    func run() throws {
        do {
            let records = try LineageLookup(runDirectory: runDirectory).records(for: id).filter { $0["status"]?.stringValue == "kept" }
            guard let record = records.first else {
                throw WinnowError(.noInput, "no kept document with id '\(id)' in this run (see `winnow trace`)", scope: .run)
            }
            guard let leafIndex = record["leaf"]?.int64Value, let shard = record["shard"]?.stringValue,
                  let line = record["line"]?.int64Value, let sha256 = record["sha256"]?.stringValue,
                  let source = record["source"]?.stringValue
            else { throw WinnowError(.corruptStream, "lineage record of '\(id)' is incomplete", scope: .run) }
            let leaves = try FileSystem.readFile("\(runDirectory)/lineage/leaves.bin")
            let hashes = stride(from: 0, to: leaves.count, by: 32).map { Array(leaves[$0..<min($0 + 32, leaves.count)]) }
            let tree = MerkleTree(leafHashes: hashes)
            let leaf = ProvenanceRecords.documentLeaf(id: id, sha256: sha256, source: source, weight: record["weight"] ?? .null, shard: shard, line: line)
            guard Int(leafIndex) < hashes.count, hashes[Int(leafIndex)] == ProvenanceRecords.leafHash(leaf) else {
                throw WinnowError(.verificationFailed, "leaf \(leafIndex) of lineage/leaves.bin does not match the lineage of '\(id)'", scope: .run)
            }
            let proof: JSONValue = .object([
                "format": "winnow-inclusion-proof/1",
                "algorithm": "rfc9162-sha256",
                "leaf": leaf,
                "leaf_index": .number(JSONNumber(leafIndex)),
                "tree_size": .number(JSONNumber(hashes.count)),
                "proof": .array(tree.inclusionProof(for: Int(leafIndex)).map { .string(Hex.encode($0)) }),
                "root": .string(Hex.encode(tree.root)),
            ])
            print(String(decoding: proof.prettySerialized(), as: UTF8.self), terminator: "")
        } catch {
            throw CLI.fail(error)
        }
    }
}

struct VerifyProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an inclusion proof against a documents Merkle root, with nothing else at hand.",
        discussion: "Exit code 0 when the proof holds, 3 when it does not.")

    @Argument(help: "The proof file from `winnow prove` (- for standard input).")
    var proof: String

    @Option(name: .long, help: "The documents Merkle root (hex) from the run's manifest.")
    var root: String

    func run() throws {
        do {
            let bytes = proof == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile()) : try FileSystem.readFile(proof)
            let parsed = try InclusionProof.parse(bytes, path: proof)
            guard let rootBytes = Hex.decode(root), rootBytes.count == 32 else {
                throw WinnowError(.invalidArgument, "the root is not 64 hex digits", scope: .run)
            }
            guard parsed.verifies(root: rootBytes) else {
                throw WinnowError(.verificationFailed, "the proof does not lead to root \(root)", scope: .run)
            }
            let leaf = parsed.leaf, index = parsed.leafIndex, size = parsed.treeSize
            print("valid: \(leaf["id"]?.stringValue ?? "?") is leaf \(index) of \(size) (\(leaf["shard"]?.stringValue ?? "?") line \(leaf["line"]?.int64Value ?? 0))")
        } catch {
            throw CLI.fail(error)
        }
    }
}

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace", abstract: "Show where a document came from, what each stage decided, and where it ended.")

    @Argument(help: "The document id.")
    var id: String

    @Option(name: .customLong("run"), help: "The run directory.")
    var runDirectory: String

    @Flag(name: .long, help: "Print the lineage records as JSON lines.")
    var json = false

    func run() throws {
        do {
            let records = try LineageLookup(runDirectory: runDirectory).records(for: id)
            guard !records.isEmpty else {
                throw WinnowError(.noInput, "no document with id '\(id)' in the lineage of this run", scope: .run)
            }
            for record in records {
                if json {
                    print(record.jsonString)
                    continue
                }
                let origin = record["origin"]
                var place = origin?["path"]?.stringValue ?? "?"
                if let line = origin?["line"]?.int64Value { place += ":\(line)" }
                if let offset = origin?["offset"]?.int64Value { place += " (byte \(offset))" }
                print("document \(id)")
                print("  origin   \(place)")
                if let sha = record["sha256"]?.stringValue { print("  sha256   \(sha)") }
                if let attributes = record["attributes"]?.objectValue {
                    for entry in attributes { print("  \(entry.key): \(entry.value.jsonString)") }
                }
                switch record["status"]?.stringValue {
                case "kept":
                    print("  kept     \(record["shard"]?.stringValue ?? "?") line \(record["line"]?.int64Value ?? 0) (Merkle leaf \(record["leaf"]?.int64Value ?? 0))")
                    if let weight = record["weight"]?.doubleValue { print("  weight   \(weight)") }
                default:
                    let detail = record["detail"]?.stringValue.map { ": \($0)" } ?? ""
                    print("  \(record["status"]?.stringValue ?? "dropped") by \(record["stage"]?.stringValue ?? "?"): \(record["reason"]?.stringValue ?? "?")\(detail)")
                }
            }
        } catch {
            throw CLI.fail(error)
        }
    }
}
