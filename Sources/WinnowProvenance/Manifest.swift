public import WinnowJSON

/// The run manifest (`manifest.json`); its layout is documented in docs/provenance.md.
public enum Manifest {
    /// The schema identifier written as `schema`.
    public static let schema = "winnow-manifest/1"

    /// The bytes a signature covers: the canonical JSON of the manifest without its `signature` member.
    public static func signingMessage(_ manifest: JSONValue) -> [UInt8] {
        guard var object = manifest.objectValue else { return manifest.serialized(sortKeys: true) }
        object["signature"] = nil
        return JSONValue.object(object).serialized(sortKeys: true)
    }

    /// `manifest` with a `signature` member made with `key`.
    public static func signed(_ manifest: JSONValue, with key: SigningKey) throws -> JSONValue {
        guard var object = manifest.objectValue else { return manifest }
        let signature = try key.sign(signingMessage(manifest))
        object["signature"] = .object([
            "algorithm": "ed25519", "public_key": .string(key.publicKeyBase64), "value": .string(signature),
        ])
        return .object(object)
    }

    /// Whether a path named by a manifest stays inside the run directory: relative, no `..` or `.`
    /// components, no empty components, no backslashes or NUL.
    public static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." && !$0.isEmpty }
    }
}
