internal import WinnowCore

/// The state of one job array task (or of a job that is not an array), from `squeue`.
public struct SlurmTaskState: Sendable, Hashable {
    public var jobID: Int
    /// The array index; nil for a job that is not an array.
    public var index: Int?
    public var state: SlurmJobState
    /// The rest of the line after the state: the further columns asked for (`%r` reason, `%o` command).
    public var detail: String

    public init(jobID: Int, index: Int?, state: SlurmJobState, detail: String = "") {
        self.jobID = jobID
        self.index = index
        self.state = state
        self.detail = detail
    }
}

/// Parsers for what the Slurm commands print. Each takes the command's standard output as text and throws
/// a ``WinnowError`` with code `slurm`, quoting the line, when it is not what Slurm 22.05+ prints.
public enum SlurmOutput {
    /// The job id that `sbatch --parsable` printed: `jobid` or `jobid;cluster`, then a newline.
    public static func jobID(fromParsable output: String) throws -> Int {
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard lines.count == 1 else {
            throw WinnowError(.slurm, "sbatch --parsable printed \(lines.count) lines, expected one job id: '\(output)'", scope: .run)
        }
        let field = lines[0].split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let id = Int(field), id > 0, field.allSatisfy(\.isASCII) else {
            throw WinnowError(.slurm, "sbatch --parsable printed '\(lines[0])', not 'jobid' or 'jobid;cluster'", scope: .run)
        }
        return id
    }

    /// The tasks listed by `squeue -h [-r] -o '%i %T'` (lines `123_4 RUNNING`, `123 PENDING`, or, without
    /// `-r`, `123_[0-3,7%2] PENDING` for the tasks of an array that have not started yet), one element per
    /// array task in the order printed; what follows the state is kept in ``SlurmTaskState/detail``.
    public static func taskStates(_ output: String) throws -> [SlurmTaskState] {
        var states: [SlurmTaskState] = []
        for line in output.split(whereSeparator: \.isNewline) {
            let fields = line.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { continue }
            let detail = fields.count == 3 ? String(fields[2].trimmingWhitespace()) : ""
            guard fields.count >= 2 else {
                throw WinnowError(.slurm, "squeue printed '\(line)', expected 'JOBID STATE'", scope: .run)
            }
            let state = SlurmJobState(String(fields[1]))
            let id = fields[0]
            guard let underscore = id.firstIndex(of: "_") else {
                guard let job = Int(id), job > 0 else {
                    throw WinnowError(.slurm, "squeue printed '\(line)': '\(id)' is not a job id", scope: .run)
                }
                states.append(SlurmTaskState(jobID: job, index: nil, state: state, detail: detail))
                continue
            }
            let jobPart = id[..<underscore]
            var taskPart = id[id.index(after: underscore)...]
            guard let job = Int(jobPart), job > 0 else {
                throw WinnowError(.slurm, "squeue printed '\(line)': '\(jobPart)' is not a job id", scope: .run)
            }
            if taskPart.hasPrefix("[") && taskPart.hasSuffix("]") {
                taskPart = taskPart.dropFirst().dropLast()
                guard let indices = arrayIndices(String(taskPart)) else {
                    throw WinnowError(.slurm, "squeue printed '\(line)': '\(taskPart)' is not an array specification", scope: .run)
                }
                states.append(contentsOf: indices.map { SlurmTaskState(jobID: job, index: $0, state: state, detail: detail) })
            } else {
                guard let index = Int(taskPart), index >= 0 else {
                    throw WinnowError(.slurm, "squeue printed '\(line)': '\(taskPart)' is not an array index", scope: .run)
                }
                states.append(SlurmTaskState(jobID: job, index: index, state: state, detail: detail))
            }
        }
        return states
    }

    /// The indices of an array specification (`0-3,7,9-15:2%4`: ranges, single indices, `:step`, and a
    /// `%limit` that is ignored), ascending without repeats; nil when it is malformed.
    public static func arrayIndices(_ specification: String) -> [Int]? {
        var text = Substring(specification)
        if let percent = text.firstIndex(of: "%") {
            guard Int(text[text.index(after: percent)...]) != nil else { return nil }
            text = text[..<percent]
        }
        var indices: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var range = part
            var step = 1
            if let colon = part.firstIndex(of: ":") {
                guard let value = Int(part[part.index(after: colon)...]), value >= 1 else { return nil }
                step = value
                range = part[..<colon]
            }
            let bounds = range.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let low = Int(bounds[0]), low >= 0 else { return nil }
            let high = bounds.count == 2 ? Int(bounds[1]) : low
            guard let high, high >= low else { return nil }
            indices.append(contentsOf: stride(from: low, through: high, by: step))
        }
        indices.sort()
        var unique: [Int] = []
        for index in indices where unique.last != index { unique.append(index) }
        return unique
    }

    /// `MaxArraySize` and the `max_array_tasks` scheduler parameter from `scontrol show config` (nil when
    /// absent: `max_array_tasks` defaults to `MaxArraySize`).
    public static func arrayLimits(fromConfig output: String) -> (maxArraySize: Int?, maxArrayTasks: Int?) {
        var maxArraySize: Int? = nil
        var maxArrayTasks: Int? = nil
        for line in output.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            switch key {
            case "MaxArraySize":
                maxArraySize = Int(value)
            case "SchedulerParameters":
                for parameter in value.split(separator: ",") where parameter.hasPrefix("max_array_tasks=") {
                    maxArrayTasks = Int(parameter.dropFirst("max_array_tasks=".count))
                }
            default:
                continue
            }
        }
        return (maxArraySize, maxArrayTasks)
    }

    /// The exit status in `ExitCode=STATUS:SIGNAL` of `scontrol -o show job ID`; nil when absent.
    public static func exitStatus(fromShowJob output: String) -> Int32? {
        for field in output.split(whereSeparator: { $0 == " " || $0.isNewline }) where field.hasPrefix("ExitCode=") {
            let value = field.dropFirst("ExitCode=".count)
            return Int32(value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
        }
        return nil
    }
}

fileprivate extension Substring {
    func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
