internal import WinnowIO

/// Whether a path names something a file reader handles: a file it accepts by name, or a directory (or glob)
/// under which it finds at least one such file.
enum InputProbe {
    static func accepts(_ path: String, byName: (String) -> Bool) -> Bool {
        if byName(path) { return true }
        guard let matches = try? Glob.expand(path) else { return false }
        return matches.contains(where: byName)
    }
}
