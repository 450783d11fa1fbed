/// Quality heuristics and scores: the Gopher, C4 and FineWeb filter families with their published
/// thresholds, code filters, and the combined quality score.
public enum Quality {
    /// Gopher quality rules. See ``GopherQualityFilter``.
    public static func gopher(
        minWords: Int? = 50, maxWords: Int? = 100_000, minMeanWordLength: Double? = 3, maxMeanWordLength: Double? = 10,
        maxSymbolWordRatio: Double? = 0.1, maxBulletLinesRatio: Double? = 0.9, maxEllipsisLinesRatio: Double? = 0.3,
        minAlphaWordsRatio: Double? = 0.8, minStopWords: Int? = 2, stopWords: [String] = GopherQualityFilter.defaultStopWords,
        label: String = "filter.gopher-quality"
    ) -> GopherQualityFilter {
        GopherQualityFilter(
            minWords: minWords, maxWords: maxWords, minMeanWordLength: minMeanWordLength, maxMeanWordLength: maxMeanWordLength,
            maxSymbolWordRatio: maxSymbolWordRatio, maxBulletLinesRatio: maxBulletLinesRatio,
            maxEllipsisLinesRatio: maxEllipsisLinesRatio, minAlphaWordsRatio: minAlphaWordsRatio, minStopWords: minStopWords,
            stopWords: stopWords, label: label)
    }

    /// Gopher repetition rules. See ``GopherRepetitionFilter``.
    public static func gopherRepetition(
        maxDuplicateLineFraction: Double? = 0.3, maxDuplicateParagraphFraction: Double? = 0.3,
        maxDuplicateLineCharacterFraction: Double? = 0.2, maxDuplicateParagraphCharacterFraction: Double? = 0.2,
        topNGrams: [GopherRepetitionFilter.NGramLimit] = GopherRepetitionFilter.defaultTopNGrams,
        duplicateNGrams: [GopherRepetitionFilter.NGramLimit] = GopherRepetitionFilter.defaultDuplicateNGrams,
        label: String = "filter.gopher-repetition"
    ) -> GopherRepetitionFilter {
        GopherRepetitionFilter(
            maxDuplicateLineFraction: maxDuplicateLineFraction, maxDuplicateParagraphFraction: maxDuplicateParagraphFraction,
            maxDuplicateLineCharacterFraction: maxDuplicateLineCharacterFraction,
            maxDuplicateParagraphCharacterFraction: maxDuplicateParagraphCharacterFraction, topNGrams: topNGrams,
            duplicateNGrams: duplicateNGrams, label: label)
    }

    /// C4 line cleaning and document rules (rewrites the text). See ``C4QualityFilter``.
    public static func c4(
        removeCitations: Bool = true, requireTerminalPunctuation: Bool = true, minSentences: Int? = 5,
        minWordsPerLine: Int? = 3, maxWordLength: Int? = 1000, dropLoremIpsum: Bool = true,
        dropJavascriptLines: Bool = true, dropCurlyBracket: Bool = true, dropPolicyLines: Bool = true,
        label: String = "filter.c4"
    ) -> C4QualityFilter {
        C4QualityFilter(
            removeCitations: removeCitations, requireTerminalPunctuation: requireTerminalPunctuation,
            minSentences: minSentences, minWordsPerLine: minWordsPerLine, maxWordLength: maxWordLength,
            dropLoremIpsum: dropLoremIpsum, dropJavascriptLines: dropJavascriptLines, dropCurlyBracket: dropCurlyBracket,
            dropPolicyLines: dropPolicyLines, label: label)
    }

    /// FineWeb quality rules. See ``FineWebQualityFilter``.
    public static func fineweb(
        minLinePunctuationRatio: Double = 0.12, excludeZeroPunctuation: Bool = false, maxShortLineRatio: Double = 0.67,
        shortLineLength: Int = 30, maxDuplicateLineCharacterRatio: Double = 0.01, maxNewlineRatio: Double = 0.3,
        label: String = "filter.fineweb-quality"
    ) -> FineWebQualityFilter {
        FineWebQualityFilter(
            minLinePunctuationRatio: minLinePunctuationRatio, excludeZeroPunctuation: excludeZeroPunctuation,
            maxShortLineRatio: maxShortLineRatio, shortLineLength: shortLineLength,
            maxDuplicateLineCharacterRatio: maxDuplicateLineCharacterRatio, maxNewlineRatio: maxNewlineRatio, label: label)
    }

    /// Code filters for code documents. See ``CodeFilter``.
    public static func code(
        thresholds: CodeFilter.Thresholds = CodeFilter.Thresholds(),
        exceptions: [String: CodeFilter.Thresholds] = CodeFilter.defaultExceptions, markerLines: Int = 5,
        label: String = "filter.code"
    ) -> CodeFilter {
        CodeFilter(thresholds: thresholds, exceptions: exceptions, markerLines: markerLines, label: label)
    }

    /// The quality score in [0, 1], recorded in `attributes["quality"]`. See ``QualityScore``.
    public static func score(
        gopher: GopherQualityFilter = GopherQualityFilter(), gopherRepetition: GopherRepetitionFilter = GopherRepetitionFilter(),
        c4: C4QualityFilter = C4QualityFilter(), fineweb: FineWebQualityFilter = FineWebQualityFilter(), label: String = "quality"
    ) -> QualityScore {
        QualityScore(gopherQuality: gopher, gopherRepetition: gopherRepetition, c4: c4, fineweb: fineweb, label: label)
    }
}

/// Language identification.
public enum Language {
    /// CLD2 language identification, as pycld2; keeps `languages` (all when empty) with at least `minScore`.
    /// See ``LanguageFilter``.
    public static func identify(
        languages: [String] = [], minScore: Double = 0, setMetadata: Bool = false, plainText: Bool = false,
        label: String = "lang.cld2"
    ) -> LanguageFilter {
        LanguageFilter(languages: languages, minScore: minScore, setMetadata: setMetadata, plainText: plainText, label: label)
    }
}

/// Personal data.
public enum PII {
    /// Replaces e-mail addresses, IP addresses, phone, credit-card and IBAN numbers with typed placeholders.
    /// See ``PIIRedactor``.
    public static func redact(kinds: [PIIRedactor.Kind] = PIIRedactor.Kind.allCases, label: String = "pii.redact") -> PIIRedactor {
        PIIRedactor(kinds: kinds, label: label)
    }
}
