internal import Foundation
internal import Crypto
internal import WinnowCore
internal import WinnowIO
internal import WinnowJSON

/// Ed25519 signing keys for run manifests (swift-crypto's Curve25519).
///
/// A key file is JSON: `{"algorithm": "ed25519", "private_key": "<base64 of 32 bytes>", "public_key":
/// "<base64 of 32 bytes>"}`, written with mode 0600.
public struct SigningKey: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    public init() {
        key = Curve25519.Signing.PrivateKey()
    }

    public init(rawPrivateKey: [UInt8]) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey)
    }

    /// The public key, base64.
    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// The signature of `message`, base64.
    public func sign(_ message: [UInt8]) throws -> String {
        try key.signature(for: message).base64EncodedString()
    }

    public static func generate(writingTo path: String) throws -> SigningKey {
        let signing = SigningKey()
        let value: JSONValue = .object([
            "algorithm": "ed25519",
            "private_key": .string(signing.key.rawRepresentation.base64EncodedString()),
            "public_key": .string(signing.publicKeyBase64),
        ])
        guard !(try FileSystem.fileExists(path)) else {
            throw WinnowError(.invalidArgument, "key file already exists; refusing to overwrite it", at: .init(path: path), scope: .run)
        }
        try FileSystem.writeFileAtomically(path, value.prettySerialized())
        chmod(path, 0o600)
        return signing
    }

    public static func load(from path: String) throws -> SigningKey {
        let bytes = try FileSystem.readFile(path)
        guard let value = try? JSONParser.parse(bytes), value["algorithm"]?.stringValue == "ed25519",
              let encoded = value["private_key"]?.stringValue, let raw = Data(base64Encoded: encoded)
        else {
            throw WinnowError(.invalidArgument, "not a Winnow ed25519 key file (make one with `winnow keygen`)", at: .init(path: path), scope: .run)
        }
        do {
            return try SigningKey(rawPrivateKey: Array(raw))
        } catch {
            throw WinnowError(.invalidArgument, "the private key is not a valid ed25519 key", at: .init(path: path), scope: .run, cause: nil)
        }
    }
}

public enum SignatureCheck {
    /// Whether `signature` (base64) is a valid Ed25519 signature of `message` by `publicKey` (base64).
    public static func isValid(signature: String, message: [UInt8], publicKey: String) -> Bool {
        guard let keyBytes = Data(base64Encoded: publicKey), let signatureBytes = Data(base64Encoded: signature),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
        else { return false }
        return key.isValidSignature(signatureBytes, for: message)
    }
}
