/// One labelled document for classifier training: its id (which decides the held-out split), text, label
/// (a class name without the `__label__` prefix) and weight (the consensus confidence).
public struct TrainingExample: Sendable, Hashable {
    public var id: String
    public var text: String
    public var label: String
    public var weight: Double

    public init(id: String, text: String, label: String, weight: Double = 1) {
        self.id = id
        self.text = text
        self.label = label
        self.weight = weight
    }
}
