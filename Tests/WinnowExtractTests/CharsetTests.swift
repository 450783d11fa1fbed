import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import WinnowExtract

/// Non-UTF-8 pages made in the test (Foundation encodes the expected text), decoded back to UTF-8.
@Suite struct CharsetTests {
    static let russian = "Съешь же ещё этих мягких французских булок, да выпей чаю. Широкая электрификация южных губерний даст мощный толчок подъёму сельского хозяйства."
    static let japanese = "いろはにほへと、ちりぬるを。日本語の文章を正しく読み取れるかどうかを確かめるための長い段落です。漢字とひらがなとカタカナが混ざっています。"
    static let french = "Le cœur déçu mais l'âme plutôt naïve, Louÿs rêva de crapaüter en canoë au delà des îles, près du mälström où brûlent les novæ. Straße, façade, Ångström."
    /// Only characters that ISO-8859-1 has (no œ).
    static let latin1 = "Déjà vu: l'âme naïve rêva de crapaüter en canoë au delà des îles, près du mälström. Straße, façade, Ångström, señor."

    static func page(_ body: String, head: String = "") -> String {
        "<html><head>\(head)<title>T</title></head><body><article><p>\(body)</p></article></body></html>"
    }

    static func encoded(_ text: String, _ encoding: String.Encoding) throws -> [UInt8] {
        [UInt8](try #require(text.data(using: encoding)))
    }

    @Test func windows1251FromTheHeaderHint() throws {
        let bytes = try Self.encoded(Self.page(Self.russian), .windowsCP1251)
        let page = try HTMLExtractor().extract(bytes, charsetHint: "windows-1251")
        #expect(page.text == Self.russian)
        #expect(page.charset == "WINDOWS-1251")
        #expect(page.charsetSource == "header")
    }

    @Test func shiftJISFromMetaCharset() throws {
        let bytes = try Self.encoded(Self.page(Self.japanese, head: "<meta charset=\"Shift_JIS\">"), .shiftJIS)
        let page = try HTMLExtractor().extract(bytes)
        #expect(page.text == Self.japanese)
        #expect(page.charset == "CP932")
        #expect(page.charsetSource == "meta")
    }

    @Test func latin1FromMetaHTTPEquiv() throws {
        let head = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
        let bytes = try Self.encoded(Self.page(Self.latin1, head: head), .isoLatin1)
        let page = try HTMLExtractor().extract(bytes)
        #expect(page.text == Self.latin1)
        #expect(page.charsetSource == "meta")
    }

    @Test func undeclaredCharsetsAreDetected() throws {
        let cases: [(String, String.Encoding, String)] = [
            (Self.russian, .windowsCP1251, "WINDOWS-1251"),
            (Self.japanese, .shiftJIS, "CP932"),
            (Self.french, .windowsCP1252, "WINDOWS-1252"),
        ]
        for (text, encoding, expected) in cases {
            let page = try HTMLExtractor().extract(try Self.encoded(Self.page(text), encoding))
            #expect(page.text == text, "\(expected)")
            #expect(page.charset == expected)
            #expect(page.charsetSource == "detected")
        }
    }

    @Test func undeclaredEUCJPIsDetected() throws {
        // Foundation on Linux cannot encode EUC-JP; iconv can.
        let page = try HTMLExtractor().extract(try Self.iconvEncode(Self.page(Self.japanese), to: "EUC-JP"))
        #expect(page.text == Self.japanese)
        #expect(page.charset == "EUC-JP")
    }

    static func iconvEncode(_ text: String, to charset: String) throws -> [UInt8] {
        let converter = iconv_open(charset, "UTF-8")
        try #require(converter != iconv_t(bitPattern: -1))
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        let written = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                var inPointer: UnsafeMutablePointer<CChar>? = input.baseAddress
                var inLeft = input.count
                var outPointer: UnsafeMutablePointer<CChar>? = output.baseAddress
                var outLeft = output.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == -1 ? -1 : output.count - outLeft
            }
        }
        try #require(written > 0)
        return output[..<written].map { UInt8(bitPattern: $0) }
    }

    @Test func declaredLatin1OnValidUTF8MeansUTF8() throws {
        let bytes = Array(Self.page(Self.french, head: "<meta charset=iso-8859-1>").utf8)
        let page = try HTMLExtractor().extract(bytes, charsetHint: "ISO-8859-1")
        #expect(page.text == Self.french)
        #expect(page.charset == "UTF-8")
    }

    @Test func byteOrderMarkWins() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(Self.page(Self.russian, head: "<meta charset=windows-1251>").utf8)
        let page = try HTMLExtractor().extract(bytes, charsetHint: "koi8-r")
        #expect(page.text == Self.russian)
        #expect(page.charsetSource == "bom")
    }

    @Test func invalidUTF8BecomesReplacementCharactersNotLatin1() throws {
        // A stray 0xFF in an otherwise UTF-8 page: libxml2 alone would switch the rest of the page to Latin-1.
        let text = "Ein schöner Tag — überall grüne Wiesen und blühende Bäume, soweit das Auge reicht, wunderbar."
        var bytes = Array(Self.page("Anfang \u{1}X " + text, head: "<meta charset=utf-8>").utf8)
        let marker = bytes.firstIndex(of: 0x58)!  // the X
        bytes[marker] = 0xFF
        bytes.insert(0x00, at: marker)  // and a NUL, which would end libxml2's parse
        let page = try HTMLExtractor().extract(bytes)
        #expect(page.text == "Anfang \u{FFFD} " + text)
        #expect(page.figures.replacedBytes == 3)
    }

    @Test(arguments: [
        ("latin1", "WINDOWS-1252"), ("Shift_JIS", "CP932"), ("\"utf-8\"", "UTF-8"), ("GB2312", "GBK"),
        ("windows-1251", "WINDOWS-1251"), ("cp1251", "WINDOWS-1251"), ("ISO-8859-5", "ISO-8859-5"),
        ("euc-kr", "CP949"),
    ])
    func labelsNormalize(label: String, expected: String) {
        #expect(Charset.normalize(label) == expected)
    }

    @Test func unknownLabelsAreIgnored() {
        #expect(Charset.normalize("no-such-charset-at-all") == nil)
        #expect(Charset.normalize("") == nil)
    }
}
