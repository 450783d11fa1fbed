#ifndef CCLD2_H
#define CCLD2_H

#ifdef __cplusplus
extern "C" {
#endif

/// The result of one CLD2 detection: the top three languages (ISO 639 codes as CLD2 spells them, for
/// example "en", "zh-Hant", "un" for unknown), the percent of the text in each, CLD2's normalized score for
/// each, the number of text bytes CLD2 scored, whether the result is reliable, and how many leading bytes
/// were valid UTF-8.
typedef struct ccld2_result {
    const char *codes[3];
    int percents[3];
    double normalized_scores[3];
    int text_bytes;
    int is_reliable;
    int valid_prefix_bytes;
} ccld2_result;

/// Detects the language of `length` bytes of UTF-8 exactly as pycld2.detect does with its defaults:
/// ExtDetectLanguageSummaryCheckUTF8 with no hints, flags 0 (or kCLDFlagBestEffort when `best_effort`), and
/// the text treated as HTML unless `is_plain_text`. The codes point at CLD2's static tables.
void ccld2_detect(const char *buffer, int length, int is_plain_text, int best_effort, ccld2_result *result);

#ifdef __cplusplus
}
#endif

#endif
