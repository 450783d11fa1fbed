/// An Aho–Corasick automaton over bytes, compiled to a deterministic table: one table read per input byte
/// finds every occurrence of every pattern, overlapping ones included, whatever the number of patterns.
///
/// Bytes that occur in no pattern share one column (they always lead back to the start state), so the table
/// is `states × columns` with a column per distinct pattern byte plus one. States are numbered so that those
/// where some pattern ends come last: the scan tests one comparison per byte (`state >= firstOutputState`)
/// and looks at the patterns only there.
///
/// Construction is the textbook one (Aho and Corasick, "Efficient string matching", CACM 18(6), 1975): a
/// trie of the patterns, failure links in breadth-first order, and the goto function completed through the
/// failure links so no failure link is followed while scanning. It is deterministic: same patterns, same
/// table.
struct ByteAutomaton: Sendable {
    /// Column of each byte value (0: the byte occurs in no pattern).
    let columns: [UInt8]
    /// Columns per state.
    let columnCount: Int
    /// `transitions[state * columnCount + column]`: the next state.
    let transitions: [UInt16]
    /// States from this one on have patterns ending in them.
    let firstOutputState: Int
    /// The patterns ending in state `s >= firstOutputState` (the pattern's own and those of its failure
    /// chain), ascending: `outputPatterns[outputStart[s - firstOutputState] ..< outputStart[s - firstOutputState + 1]]`.
    let outputStart: [Int32]
    let outputPatterns: [Int32]

    /// Builds the automaton of `patterns` (each non-empty); matches report the index into `patterns`.
    init(_ patterns: [[UInt8]]) {
        var columns = [UInt8](repeating: 0, count: 256)
        var columnCount = 1
        for pattern in patterns {
            precondition(!pattern.isEmpty, "ByteAutomaton: empty pattern")
            for byte in pattern where columns[Int(byte)] == 0 {
                columns[Int(byte)] = UInt8(columnCount)
                columnCount += 1
            }
        }
        // The trie: state 0 is the root; `child` holds -1 where the trie has no edge.
        var child: [Int32] = Array(repeating: -1, count: columnCount)
        var outputs: [[Int32]] = [[]]
        for (index, pattern) in patterns.enumerated() {
            var state = 0
            for byte in pattern {
                let slot = state * columnCount + Int(columns[Int(byte)])
                if child[slot] < 0 {
                    child[slot] = Int32(outputs.count)
                    outputs.append([])
                    child += Array(repeating: -1, count: columnCount)
                }
                state = Int(child[slot])
            }
            outputs[state].append(Int32(index))
        }
        let stateCount = outputs.count
        precondition(stateCount <= Int(UInt16.max), "ByteAutomaton: \(stateCount) states do not fit 16 bits")
        // Failure links and the completed goto function, breadth first (a state's failure target is shallower,
        // so its row is complete before the state's own row is filled).
        var delta = [Int32](repeating: 0, count: stateCount * columnCount)
        var failure = [Int32](repeating: 0, count: stateCount)
        var queue: [Int] = []
        for column in 0..<columnCount {
            let next = child[column]
            if next >= 0 {
                delta[column] = next
                failure[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            let fallback = Int(failure[state])
            for column in 0..<columnCount {
                let next = child[state * columnCount + column]
                if next >= 0 {
                    let target = delta[fallback * columnCount + column]
                    failure[Int(next)] = target
                    outputs[Int(next)] += outputs[Int(target)]
                    delta[state * columnCount + column] = next
                    queue.append(Int(next))
                } else {
                    delta[state * columnCount + column] = delta[fallback * columnCount + column]
                }
            }
        }
        // Renumber: states without output first (the root stays 0: no pattern is empty), then the others, each
        // group in creation order.
        var renumbered = [Int](repeating: 0, count: stateCount)
        var order: [Int] = []
        for state in 0..<stateCount where outputs[state].isEmpty { order.append(state) }
        let firstOutputState = order.count
        for state in 0..<stateCount where !outputs[state].isEmpty { order.append(state) }
        for (newState, state) in order.enumerated() { renumbered[state] = newState }
        var transitions = [UInt16](repeating: 0, count: stateCount * columnCount)
        var outputStart: [Int32] = []
        var outputPatterns: [Int32] = []
        for (newState, state) in order.enumerated() {
            for column in 0..<columnCount {
                transitions[newState * columnCount + column] = UInt16(renumbered[Int(delta[state * columnCount + column])])
            }
            if newState >= firstOutputState {
                outputStart.append(Int32(outputPatterns.count))
                outputPatterns += outputs[state].sorted()
            }
        }
        outputStart.append(Int32(outputPatterns.count))
        self.columns = columns
        self.columnCount = columnCount
        self.transitions = transitions
        self.firstOutputState = firstOutputState
        self.outputStart = outputStart
        self.outputPatterns = outputPatterns
    }
}
