/// The measured region for instruction counting: `valgrind --tool=callgrind
/// --toggle-collect=winnow_bench_measured` counts only what runs inside this function (its symbol is
/// `winnow_bench_measured`, unmangled), so reading the inputs, the warm-up pass and process start-up are
/// left out of the counted figures.
nonisolated(unsafe) private var measuredBody: (() throws -> Void)?
nonisolated(unsafe) private var measuredError: (any Error)?

@_silgen_name("winnow_bench_measured")
@inline(never)
func winnowBenchMeasured() {
    do { try measuredBody?() } catch { measuredError = error }
}

/// Runs `body` inside ``winnowBenchMeasured()``, rethrowing its error.
func measured(_ body: @escaping () throws -> Void) throws {
    measuredBody = body
    measuredError = nil
    winnowBenchMeasured()
    measuredBody = nil
    if let error = measuredError { throw error }
}
