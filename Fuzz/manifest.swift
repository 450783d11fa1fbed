// Fuzz target: run verification (`winnow verify`) of a manifest of arbitrary bytes against a small fixed run
// directory (one shard of one document), so the manifest's outputs, Merkle roots and signature are parsed.
import Glibc
import WinnowProvenance

let fuzzRunDirectory: String = {
    let run = FuzzFile.path + "-run"
    mkdir(run, 0o700)
    mkdir(run + "/shards", 0o700)
    let shard = Array(#"{"id":"a","text":"x","source":"s"}"#.utf8) + [0x0a]
    _ = shard.withUnsafeBytes { FuzzFile.write($0, suffix: "-run/shards/shard-00000.jsonl") }
    return run
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let run = fuzzRunDirectory  // creates the run directory on first use, before the manifest is written into it
    _ = FuzzFile.write(fuzzInput(data, size), suffix: "-run/manifest.json")
    do {
        _ = try RunVerifier(runDirectory: run).verify()
    } catch {
    }
    return 0
}
