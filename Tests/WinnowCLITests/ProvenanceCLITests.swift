import Foundation
import Testing
import WinnowCore
import WinnowIO
import WinnowJSON

/// The audit commands as an auditor runs them.
@Suite(.serialized) struct ProvenanceCLITests {
    @Test func keygenSignVerifyProveTraceAndDiff() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = "\(directory)/key.json"
        let keygen = try OperationsTests.run(["keygen", "--out", key])
        #expect(keygen.status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int == 0o600)
        #expect(try OperationsTests.run(["keygen", "--out", key]).status != 0, "an existing key is never overwritten")

        let run = "\(directory)/run"
        #expect(try OperationsTests.run(["run", "quickstart", "--output", run, "--sign-key", key]).status == 0)
        let verify = try OperationsTests.run(["verify", run, "--require-signature"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("verified") && verify.stdout.contains("260 documents") && verify.stdout.contains("signed by"))
        #expect(try FileSystem.fileExists("\(run)/report.html"))

        // A proof for a kept document checks against the manifest's root, and fails against another.
        let manifest = try JSONParser.parse(try FileSystem.readFile("\(run)/manifest.json"))
        let root = try #require(manifest["merkle"]?["documents"]?["root"]?.stringValue)
        let id = "linux-doc-html:html/hwmon/dps920ab.html"
        let prove = try OperationsTests.run(["prove", id, "--run", run])
        #expect(prove.status == 0, "\(prove.stderr)")
        let proofPath = "\(directory)/proof.json"
        try FileSystem.writeFileAtomically(proofPath, Array(prove.stdout.utf8))
        let checked = try OperationsTests.run(["verify-proof", proofPath, "--root", root])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("valid: \(id)"))
        let wrongRoot = String(repeating: "0", count: 64)
        #expect(try OperationsTests.run(["verify-proof", proofPath, "--root", wrongRoot]).status == 3)
        var tampered = try JSONParser.parse(prove.stdout).objectValue!
        var leaf = tampered["leaf"]!.objectValue!
        leaf["source"] = "somewhere-else"
        tampered["leaf"] = .object(leaf)
        try FileSystem.writeFileAtomically(proofPath, JSONValue.object(tampered).serialized())
        #expect(try OperationsTests.run(["verify-proof", proofPath, "--root", root]).status == 3)

        // Trace: a kept document and a dropped one.
        let kept = try OperationsTests.run(["trace", id, "--run", run])
        #expect(kept.status == 0)
        #expect(kept.stdout.contains("origin   SampleData/jsonl/docs-a.jsonl:1 (byte 0)"))
        #expect(kept.stdout.contains("kept     shard-00000.jsonl.gz line 1"))
        let dropped = try OperationsTests.run(["trace", "short-0", "--run", run])
        #expect(dropped.stdout.contains("dropped by filter.length: too_few_words"))
        #expect(try OperationsTests.run(["trace", "no-such-id", "--run", run]).status == 66)

        // Diff against a run with a stricter length filter over the same inputs: documents removed.
        let other = "\(directory)/jsonl-only"
        #expect(try OperationsTests.run(["run", "quickstart", "--input", "SampleData/jsonl", "--output", other]).status == 0)
        let diff = try OperationsTests.run(["diff", run, other])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("documents added 0, removed 20"))
        #expect(diff.stdout.contains("input -   SampleData/warc/sample.warc.gz"))
    }
}
