import Foundation
import Testing
import WinnowCore
import WinnowIO

/// Writing to a full file system (a 64 KiB tmpfs; needs root): the error names the temporary file, the
/// failed call and errno's text, and nothing is left behind, neither under the final name nor the temporary one.
@Suite(.serialized) struct FullDiskTests {
    static func mount(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func unmount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        guard (try? process.run()) != nil else { return }
        process.waitUntilExit()
    }

    static let canMount: Bool = {
        guard getuid() == 0, let probe = try? TemporaryDirectory("probe") else { return false }
        defer { probe.remove() }
        guard mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) else { return false }
        unmount(probe.path)
        return true
    }()

    @Test(.enabled(if: canMount, "needs root to mount a size-limited tmpfs"), arguments: [Compression.none, .gzip, .zstd])
    func aFullFileSystemFailsTheWriteAndLeavesNothing(compression: Compression) throws {
        let directory = try TemporaryDirectory("full\(compression)")
        defer { directory.remove() }
        #expect(Self.mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", directory.path]))
        defer { Self.unmount(directory.path) }
        let path = directory.file("out.jsonl")
        // 4 MiB of incompressible bytes (a xorshift stream), more than the file system holds.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var failure: (any Error)?
        let output = try OutputFile(path: path, compression: compression)
        do {
            for _ in 0..<64 {
                for index in chunk.indices {
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    chunk[index] = UInt8(truncatingIfNeeded: state)
                }
                try output.write(chunk)
            }
            try output.commit()
        } catch {
            failure = error
            output.abandon()
        }
        let error = try #require(failure as? WinnowError)
        #expect(error.code == .io)
        #expect(error.scope == .task)
        #expect(error.location?.path.hasPrefix("\(path).tmp-") == true, "\(error)")
        let cause = try #require(error.cause as? SystemCallError)
        #expect(cause.call == "write")
        #expect(cause.errno == ENOSPC)
        #expect(error.message == "cannot write: No space left on device")
        #expect(try FileSystem.contentsOfDirectory(directory.path) == [])
    }
}
