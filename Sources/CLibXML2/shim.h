// Tiny shim over the system libxml2 (Debian's libxml2-dev). Imported by WinnowExtract only.
#ifndef WINNOW_CLIBXML2_H
#define WINNOW_CLIBXML2_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 cannot call safely; this wrapper can be.
static inline void CLibXML2_free(void *pointer) { xmlFree(pointer); }
#endif
