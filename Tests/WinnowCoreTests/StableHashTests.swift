import Testing
import WinnowCore

/// Golden vectors: these values must never change, since hashes are persisted and compared across runs.
@Suite struct StableHashTests {
    @Test func sha256KnownAnswers() {
        #expect(StableHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(StableHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(StableHash.sha256Hex(Array("abc".utf8)) == StableHash.sha256Hex("abc"))
    }

    @Test func xxh3KnownAnswers() {
        // Reference values from xxhsum 0.8.1 (`printf '' | xxhsum -H3`, `printf 'hello' | xxhsum -H3`).
        #expect(StableHash.xxh3("") == 0x2d06800538d394c2)
        #expect(StableHash.xxh3("hello") == 0x9555e8555c62dcfd)
        #expect(StableHash.hex(StableHash.xxh3("hello")) == "9555e8555c62dcfd")
        #expect(StableHash.hex(UInt64(1)) == "0000000000000001")
    }

    @Test func streamingSHA256MatchesOneShot() {
        var hasher = StreamingSHA256()
        hasher.update(Array("a".utf8))
        hasher.update(Array("bc".utf8))
        #expect(hasher.finalizeHex() == StableHash.sha256Hex("abc"))
    }
}
