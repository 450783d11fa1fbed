/// The binary tree of hierarchical softmax, built from the label counts exactly as fastText's
/// `HierarchicalSoftmaxLoss::buildTree` builds it (labels are sorted by decreasing count, so the two
/// smallest nodes are found by walking the leaves backwards and the inner nodes forwards).
/// Leaves are `0..<labels`; inner node `labels + i` uses output row `i`; the root is `2 * labels - 2`.
struct HuffmanTree: Sendable {
    let left: [Int32]
    let right: [Int32]
    let labels: Int

    init(counts: [Int64]) {
        let osz = counts.count
        let size = max(2 * osz - 1, 0)
        var left = [Int32](repeating: -1, count: size)
        var right = [Int32](repeating: -1, count: size)
        var count = [Int64](repeating: 1_000_000_000_000_000, count: size)
        for i in 0..<osz { count[i] = counts[i] }
        var leaf = osz - 1
        var node = osz
        if osz > 0 {
            for i in osz..<(2 * osz - 1) {
                var mini = [0, 0]
                for j in 0..<2 {
                    if leaf >= 0, count[leaf] < count[node] {
                        mini[j] = leaf
                        leaf -= 1
                    } else {
                        mini[j] = node
                        node += 1
                    }
                }
                left[i] = Int32(mini[0])
                right[i] = Int32(mini[1])
                count[i] = count[mini[0]] + count[mini[1]]
            }
        }
        self.left = left
        self.right = right
        self.labels = osz
    }

    var root: Int { 2 * labels - 2 }
}
