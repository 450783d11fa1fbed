import Foundation
import Testing
import WinnowCore
import WinnowJSON

/// `winnow dedup` through the real executable: the verification option and its outputs.
@Suite(.serialized) struct DedupCommandTests {
    /// An original, a close copy (one word in 100 changed, J ≈ 0.9) and six far copies (every 7th word
    /// changed, J ≈ 0.3), as JSON Lines.
    static func corpus(_ path: String) throws {
        var state: UInt64 = 41
        let words = (0..<800).map { _ -> String in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return "w\(state >> 33 % 3000)"
        }
        func edited(every: Int, tag: String) -> String {
            var copy = words
            for position in stride(from: every / 2, to: copy.count, by: every) { copy[position] = "\(tag)\(position)" }
            return copy.joined(separator: " ")
        }
        var lines = ["{\"id\": \"o\", \"text\": \"\(words.joined(separator: " "))\"}",
                     "{\"id\": \"o-close\", \"text\": \"\(edited(every: 100, tag: "k"))\"}"]
        for copy in 0..<6 { lines.append("{\"id\": \"o-far-\(copy)\", \"text\": \"\(edited(every: 7, tag: "f\(copy)x"))\"}") }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func exactVerificationKeepsOnlyTrueDuplicates() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = "\(directory)/in.jsonl"
        try Self.corpus(input)
        // One hash per band, threshold 0.5: every candidate passes the signature check.
        let common = ["dedup", input, "--bands", "2", "--rows", "1", "--threshold", "0.5", "--workers", "1", "--in-process"]

        let exact = try CLITests.winnow(common + ["--output", "\(directory)/exact", "--pairs-out", "\(directory)/exact.tsv"])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(try String(contentsOfFile: "\(directory)/exact.tsv", encoding: .utf8) == "o\to-close\n")
        let cluster = StableHash.hex(StableHash.xxh3("o"))
        #expect(try String(contentsOfFile: "\(directory)/exact/clusters.jsonl", encoding: .utf8) == """
            {"id":"o","cluster":"\(cluster)","kept":true}
            {"id":"o-close","cluster":"\(cluster)","kept":false}

            """)

        let estimated = try CLITests.winnow(common + [
            "--output", "\(directory)/signature", "--pairs-out", "\(directory)/signature.tsv", "--verification", "signature",
        ])
        #expect(estimated.status == 0, "\(estimated.stderr)")
        let pairs = try String(contentsOfFile: "\(directory)/signature.tsv", encoding: .utf8).split(separator: "\n")
        #expect(pairs.contains("o\to-close"))
        #expect(pairs.count > 1)

        let wrong = try CLITests.winnow(common + ["--output", "\(directory)/wrong", "--verification", "fuzzy"])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("--verification must be exact, signature or none, not 'fuzzy'"))
    }
}
