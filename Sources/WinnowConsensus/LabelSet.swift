internal import WinnowCore

/// The classes a labeling task can answer, in a declared order.
///
/// A class's position in ``classes`` is its code everywhere in this module (arrays of posteriors,
/// confusion matrices), and the order breaks ties: when two classes are equally likely, the one declared
/// first wins (crowd-kit breaks ties towards the smallest label; declare numeric classes in ascending order
/// to match it).
public struct LabelSet: Sendable, Hashable, Codable {
    /// The class names, unique, at most 255 of them.
    public var classes: [String]

    public init(_ classes: [String]) {
        self.classes = classes
    }

    public var count: Int { classes.count }

    /// The code of `name`, or nil.
    public func index(of name: String) -> Int? {
        classes.firstIndex { Array($0.utf8) == Array(name.utf8) }
    }

    /// Checks that there are 2...255 classes, none empty, none repeated.
    public func validate() throws {
        guard classes.count >= 2 else {
            throw WinnowError(.invalidArgument, "a label set needs at least 2 classes, got \(classes.count)", scope: .run)
        }
        guard classes.count <= 255 else {
            throw WinnowError(.invalidArgument, "a label set holds at most 255 classes, got \(classes.count)", scope: .run)
        }
        let sorted = classes.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        for (index, name) in sorted.enumerated() {
            if name.isEmpty { throw WinnowError(.invalidArgument, "a class name is empty", scope: .run) }
            if index > 0 && sorted[index - 1] == name {
                throw WinnowError(.invalidArgument, "class '\(String(decoding: name, as: UTF8.self))' is declared twice", scope: .run)
            }
        }
    }

    /// The classes found in data when none were declared: numeric order when every name is an integer
    /// (`2` before `10`, as crowd-kit orders integer labels), otherwise the order of their UTF-8 bytes.
    public static func inferred(from names: [String]) -> LabelSet {
        if names.allSatisfy({ Int64($0) != nil }) {
            return LabelSet(names.sorted { Int64($0)! < Int64($1)! })
        }
        return LabelSet(names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}
