// Fuzz target: the inclusion proof parser and verifier (`winnow verify-proof`).
import WinnowProvenance

let fuzzRoot = [UInt8](repeating: 0xab, count: 32)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProof(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(fuzzInput(data, size))
    do {
        let proof = try InclusionProof.parse(bytes, path: "fuzz-proof.json")
        _ = proof.verifies(root: fuzzRoot)
    } catch {
    }
    return 0
}
