internal import CLibXML2
internal import WinnowCore

/// The one place that talks to libxml2: runs its HTML parser in SAX mode over UTF-8 bytes and forwards the
/// events to a ``TreeBuilder``, so libxml2 never builds its own tree (a `malloc` per node and per string).
///
/// The input must already be valid UTF-8 without NUL bytes (``Transcoder`` guarantees it): libxml2 2.9's
/// HTML parser silently switches to Latin-1 at the first invalid UTF-8 sequence and stops at a NUL byte.
/// `HTML_PARSE_IGNORE_ENC` keeps a `<meta charset>` from switching the decoder again after we decoded.
enum LibXML2SAXParser {
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Parses `utf8` and feeds `builder`. Throws the builder's limit error, or a libxml2 failure.
    ///
    /// libxml2's user data is a pointer to `builder`, valid for this call only: the handlers reach the builder
    /// through it, without an exclusivity check per event (see ``TreeBuilder``).
    static func parse(_ utf8: UnsafeRawBufferPointer, into builder: inout TreeBuilder) throws {
        try withUnsafeMutablePointer(to: &builder) { try parse(utf8, into: $0) }
    }

    private static func parse(_ utf8: UnsafeRawBufferPointer, into builder: UnsafeMutablePointer<TreeBuilder>) throws {
        guard utf8.count > 0, let base = utf8.baseAddress else { return }
        guard utf8.count <= Int(Int32.max) else {
            throw failure("input of \(utf8.count) bytes exceeds libxml2's 2 GiB limit")
        }
        guard let context = htmlCreateMemoryParserCtxt(base.assumingMemoryBound(to: CChar.self), Int32(utf8.count))
        else { throw failure("cannot create a parser context (out of memory?)") }
        defer { htmlFreeParserCtxt(context) }
        _ = xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
        _ = htmlCtxtUseOptions(context, options)
        guard let sax = context.pointee.sax else { throw failure("parser context has no SAX handler") }
        installHandlers(sax)
        context.pointee.userData = UnsafeMutableRawPointer(builder)
        builder.pointee.stopHandle = UnsafeMutableRawPointer(context)
        defer { builder.pointee.stopHandle = nil }
        // The return value only says whether the markup was well formed; with HTML_PARSE_RECOVER libxml2
        // always produces events, and the builder's own state says whether the result is usable.
        _ = htmlParseDocument(context)
        builder.pointee.finish()
        if let error = builder.pointee.limitError { throw error }
    }

    /// Asks libxml2 to stop at the next opportunity (called by the builder when a limit is exceeded).
    static func stop(_ handle: UnsafeMutableRawPointer) {
        xmlStopParser(handle.assumingMemoryBound(to: xmlParserCtxt.self))
    }

    /// Maps a libxml2 failure to the one error type (the single place libxml2 problems become errors).
    static func failure(_ message: String) -> WinnowError {
        WinnowError(.malformedRecord, "libxml2: \(message)")
    }

    private static func installHandlers(_ sax: UnsafeMutablePointer<xmlSAXHandler>) {
        // Keep only the events the builder needs; everything else (entities, DTDs, comments, PIs) is off.
        let initialized = sax.pointee.initialized
        sax.pointee = xmlSAXHandler()
        sax.pointee.initialized = initialized
        sax.pointee.startElement = { context, name, attributes in
            guard let context, let name else { return }
            context.assumingMemoryBound(to: TreeBuilder.self).pointee
                .startElement(name: name, attributes: attributes.map { UnsafePointer($0) })
        }
        sax.pointee.endElement = { context, name in
            guard let context, let name else { return }
            context.assumingMemoryBound(to: TreeBuilder.self).pointee.endElement(name: name)
        }
        let characters: charactersSAXFunc = { context, bytes, length in
            guard let context, let bytes, length > 0 else { return }
            context.assumingMemoryBound(to: TreeBuilder.self).pointee
                .characters(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        // Script and style bodies arrive as CDATA blocks; the builder skips those elements, so drop them here.
        sax.pointee.cdataBlock = { _, _, _ in }
    }
}
