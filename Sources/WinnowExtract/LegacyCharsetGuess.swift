/// Guesses the legacy charset of bytes that are not UTF-8 and declare nothing, from the distribution of
/// their high bytes (no dictionary, one pass):
///
/// * **windows-1251** (Russian, Ukrainian, Bulgarian, ...): Cyrillic letters are `0xC0–0xFF` (plus `Ёё`
///   at `0xA8`/`0xB8`), so nearly every high byte is in that range and they come in runs (whole words).
/// * **Shift_JIS** (CP932): lead bytes `0x81–0x9F` (hiragana `0x82`, katakana `0x83`, kanji `0x88–0x9F`)
///   make a large share of the high bytes; no single-byte Western or Cyrillic text looks like that.
/// * **EUC-JP / GBK / EUC-KR**: both bytes of a character are `0xA1–0xFE`. Japanese kana sit at leads
///   `0xA4`/`0xA5`; Hangul syllables use leads `0xB0–0xC8` only; otherwise GBK.
/// * **windows-1252**: high bytes mostly alone between ASCII letters (`café`, `Straße`): the default.
enum LegacyCharsetGuess {
    static func guess(_ bytes: UnsafeRawBufferPointer) -> String {
        var high = 0
        var cyrillicRange = 0
        var shiftJISLeads = 0
        var runs = 0
        var inRun = false
        var pairLeads = 0
        var kanaLeads = 0
        var hangulLeads = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard byte >= 0x80 else {
                inRun = false
                index += 1
                continue
            }
            high += 1
            if !inRun {
                runs += 1
                inRun = true
            }
            if byte >= 0xC0 || byte == 0xA8 || byte == 0xB8 { cyrillicRange += 1 }
            if byte >= 0x81 && byte <= 0x9F { shiftJISLeads += 1 }
            index += 1
        }
        guard high > 0 else { return "WINDOWS-1252" }
        let averageRun = Double(high) / Double(max(runs, 1))
        if averageRun < 2.2 { return "WINDOWS-1252" }
        if Double(cyrillicRange) >= 0.93 * Double(high) { return "WINDOWS-1251" }
        if Double(shiftJISLeads) >= 0.2 * Double(high) { return "CP932" }
        // Pairs of 0xA1–0xFE bytes: count leads of the EUC families.
        index = 0
        while index + 1 < count {
            let lead = bytes[index]
            let trail = bytes[index + 1]
            if lead >= 0xA1 && lead <= 0xFE && trail >= 0xA1 && trail <= 0xFE {
                pairLeads += 1
                if lead == 0xA4 || lead == 0xA5 { kanaLeads += 1 }
                if lead >= 0xB0 && lead <= 0xC8 { hangulLeads += 1 }
                index += 2
            } else {
                index += 1
            }
        }
        guard pairLeads > 0 else { return "WINDOWS-1252" }
        if kanaLeads * 4 >= pairLeads { return "EUC-JP" }
        if Double(hangulLeads) >= 0.9 * Double(pairLeads) { return "CP949" }
        return "GBK"
    }
}
