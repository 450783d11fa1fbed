public import WinnowCore

extension WinnowError.Code {
    /// A label names an item that is not among the run's documents.
    public static let unknownItem: WinnowError.Code = "unknown-item"
    /// A second label by the same labeler for the same item.
    public static let duplicateLabel: WinnowError.Code = "duplicate-label"
    /// A label (or gold label) that is not one of the declared classes.
    public static let unknownClass: WinnowError.Code = "unknown-class"
    /// A gold label that differs from the item's gold label given on an earlier line.
    public static let conflictingGold: WinnowError.Code = "conflicting-gold"
}
