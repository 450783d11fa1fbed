// Tiny shim over the system libxml2 (Debian's libxml2-dev). Imported by WinnowExtract only.
#ifndef WINNOW_CLIBXML2_H
#define WINNOW_CLIBXML2_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would pull in ICU's <unicode/ucnv.h>, whose enums
// clash with Foundation's bundled ICU when both are visible in one Swift build. Winnow never touches the
// ICU converter fields of xmlCharEncodingHandler (it decodes with iconv itself and hands libxml2 UTF-8),
// and uses that struct only through pointers, so hiding the ICU part of the header is safe.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 cannot call safely; this wrapper can be.
static inline void CLibXML2_free(void *pointer) { xmlFree(pointer); }
#endif
