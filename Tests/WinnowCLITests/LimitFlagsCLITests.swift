import Foundation
import Testing

/// The limit flags of `winnow extract` and `winnow consensus`: a record past a limit is reported with
/// its code and left out; the command still succeeds.
@Suite struct LimitFlagsCLITests {
    @Test func extractMaxDepthMakesADeepPageABadFile() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let deep = "<html><body>" + String(repeating: "<div>", count: 30) + "<p>Deep text.</p></body></html>"
        try Data(deep.utf8).write(to: URL(fileURLWithPath: "\(directory)/deep.html"))
        try Data("<html><body><p>Shallow text.</p></body></html>".utf8).write(to: URL(fileURLWithPath: "\(directory)/flat.html"))

        let strict = try CLITests.winnow(["extract", "\(directory)/deep.html", "\(directory)/flat.html", "--to", "\(directory)/out", "--max-depth", "20"])
        #expect(strict.status == 0, "\(strict.stderr)")
        #expect(strict.stderr.contains("bad file: \(directory)/deep.html: HTML nested deeper than 20 elements [limit-exceeded]"))
        #expect(strict.stderr.contains("extracted 1 of 2 files"))
        #expect(try String(contentsOfFile: "\(directory)/out/flat.txt", encoding: .utf8) == "Shallow text.")

        let lenient = try CLITests.winnow(["extract", "\(directory)/deep.html", "--to", "\(directory)/out2"])
        #expect(lenient.status == 0)
        #expect(try String(contentsOfFile: "\(directory)/out2/deep.txt", encoding: .utf8) == "Deep text.")
        #expect(try CLITests.winnow(["extract", "\(directory)/deep.html", "--to", "\(directory)/out3", "--max-nodes", "0"]).status == 64)
    }

    @Test func consensusMaxLabelsPerItemLeavesOutTheRest() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let labels = "item,labeler,label\na,w1,yes\na,w2,yes\na,w3,no\nb,w1,no\n"
        try Data(labels.utf8).write(to: URL(fileURLWithPath: "\(directory)/labels.csv"))
        let result = try CLITests.winnow([
            "consensus", "\(directory)/labels.csv", "--method", "mv", "--output", "\(directory)/items.csv", "--max-labels-per-item", "2",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("labels.csv:4 (byte 37): item 'a' already has 2 labels (maxLabelsPerItem); this one is left out [limit-exceeded]"))
        #expect(result.stderr.contains("4 read, 3 used, left out: limit-exceeded 1"))
    }
}
