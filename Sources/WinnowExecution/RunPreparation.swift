internal import WinnowCore
internal import WinnowIO

/// Prepares a run directory before any task starts: checks that it is empty or holds a run of the same plan
/// (a resume), writes `plan.json`, expands the readers' input patterns into the sorted `inputs.json`.
enum RunPreparation {
    static func prepare(plan: Plan, pipeline: Pipeline, layout: RunLayout, predecessor: RunInfo.Predecessor? = nil) throws -> [InputDescriptor] {
        if try FileSystem.fileExists(layout.root) && !FileSystem.isDirectory(layout.root) {
            throw WinnowError(.io, "output path exists and is not a directory", at: .init(path: layout.root), scope: .run)
        }
        try FileSystem.createDirectory(layout.root)
        let resuming = try FileSystem.fileExists(layout.planFile)
        if resuming { try removeTemporaryFiles(layout.root) }
        if resuming {
            let existing = try RunFiles.loadPlan(layout)
            guard existing.fingerprint == plan.fingerprint else {
                throw WinnowError(
                    .invalidPlan,
                    "output directory holds a run of a different plan (fingerprint \(existing.fingerprint.prefix(12)), this plan \(plan.fingerprint.prefix(12))); choose another --output or delete it",
                    at: .init(path: layout.planFile), scope: .run)
            }
        }

        let inputs = try resolveInputs(pipeline)
        if resuming, try FileSystem.fileExists(layout.inputsFile) {
            let earlier = try RunFiles.loadInputs(layout)
            guard earlier == inputs else {
                let changed = zip(earlier, inputs).first { $0 != $1 }.map { "\($0.0.path)" } ?? "the number of inputs (\(earlier.count) then, \(inputs.count) now)"
                throw WinnowError(
                    .invalidPlan,
                    "inputs changed since this run started (first difference: \(changed)); choose another --output or delete it",
                    at: .init(path: layout.inputsFile), scope: .run)
            }
        } else {
            try RunFiles.writeInputs(inputs, to: layout)
        }
        let configuration = try ConfigurationFile.collect(pipeline)
        if resuming, try FileSystem.fileExists(layout.configurationFilesFile) {
            let earlier = try JSONCoding.decode(ConfigurationFile.List.self, from: try FileSystem.readFile(layout.configurationFilesFile)).files
            guard earlier == configuration else {
                let changed = zip(earlier, configuration).first { $0 != $1 }.map { "\($0.0.path) of stage '\($0.0.stage)'" }
                    ?? "the number of configuration files (\(earlier.count) then, \(configuration.count) now)"
                throw WinnowError(
                    .invalidPlan,
                    "configuration files changed since this run started (first difference: \(changed)); choose another --output or delete it",
                    at: .init(path: layout.configurationFilesFile), scope: .run)
            }
        } else if !configuration.isEmpty {
            try FileSystem.writeFileAtomically(layout.configurationFilesFile, try JSONCoding.prettyBytes(ConfigurationFile.List(files: configuration)))
        }
        if !resuming { try RunFiles.writePlan(plan, to: layout) }
        if !(try FileSystem.fileExists(layout.runInfoFile)) {
            try FileSystem.createDirectory(layout.workDirectory)
            var info = RunInfo.current(plan: plan)
            info.predecessor = predecessor
            try FileSystem.writeFileAtomically(layout.runInfoFile, try JSONCoding.prettyBytes(info))
        }
        return inputs
    }

    /// Temporary files (`NAME.tmp-PID`) that a killed task left behind. Never visible under a final name,
    /// they only take space; the caller holds the run's lock, so no live task owns them.
    static func removeTemporaryFiles(_ root: String) throws {
        for file in try FileSystem.walk(root) where file.split(separator: "/").last?.contains(".tmp-") == true {
            try FileSystem.removeItem(file)
        }
    }

    /// Every reader's patterns expanded and sorted; each pattern must match at least one file.
    static func resolveInputs(_ pipeline: Pipeline) throws -> [InputDescriptor] {
        var inputs: [InputDescriptor] = []
        var seen: Set<String> = []
        for (stageIndex, stage) in pipeline.stages.enumerated() {
            guard let source = stage as? any SourceStage else { continue }
            var paths: [String] = []
            for pattern in source.inputs {
                let matches = try source.inputUnits(for: pattern, expand: { try Glob.expand($0) })
                guard !matches.isEmpty else {
                    throw WinnowError(.noInput, "input '\(pattern)' of reader '\(source.label)' matches no file it reads", scope: .run)
                }
                paths.append(contentsOf: matches)
            }
            for path in paths.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) where seen.insert(path).inserted {
                let bytes = try FileSystem.isDirectory(path) ? 0 : try FileSystem.fileSize(path)
                inputs.append(InputDescriptor(index: inputs.count, path: path, stageIndex: stageIndex, bytes: bytes))
            }
        }
        guard !inputs.isEmpty else {
            throw WinnowError(.noInput, "pipeline '\(pipeline.name)' has no inputs: give --input PATH or set the reader's inputs", scope: .run)
        }
        return inputs
    }
}
