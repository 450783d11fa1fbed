#include "CCLD2.h"

#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace CLD2 {
// Declared in cld2/internal/lang_script.h, which needs internal headers; the symbol is exported.
const char *LanguageCode(Language lang);
}

extern "C" void ccld2_detect(const char *buffer, int length, int is_plain_text, int best_effort,
                             ccld2_result *result) {
    CLD2::CLDHints hints;
    hints.content_language_hint = nullptr;
    hints.tld_hint = nullptr;
    hints.encoding_hint = CLD2::UNKNOWN_ENCODING;
    hints.language_hint = CLD2::UNKNOWN_LANGUAGE;

    // CLD2 returns early, writing none of these, when the text is not "interchange valid" UTF-8 (controls,
    // noncharacters): start them all at "unknown" so such a call never reads uninitialised memory.
    CLD2::Language languages[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percents[3] = {0, 0, 0};
    double scores[3] = {0.0, 0.0, 0.0};
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    CLD2::ExtDetectLanguageSummaryCheckUTF8(buffer, length, is_plain_text != 0, &hints,
                                            best_effort ? CLD2::kCLDFlagBestEffort : 0, languages, percents,
                                            scores, nullptr, &text_bytes, &reliable, &valid_prefix);
    for (int i = 0; i < 3; i++) {
        result->codes[i] = CLD2::LanguageCode(languages[i]);
        result->percents[i] = percents[i];
        result->normalized_scores[i] = scores[i];
    }
    result->text_bytes = text_bytes;
    result->is_reliable = reliable ? 1 : 0;
    result->valid_prefix_bytes = valid_prefix;
}
