#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Seconds of CPU time of this process (all threads) and of the wall clock.
enum CPUClock {
    static func process() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }
    static func wall() -> Double { read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// This process's id, for the default scratch directory.
enum ProcessIdentity {
    static var current: Int32 { getpid() }
}
