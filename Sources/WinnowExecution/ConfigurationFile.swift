internal import WinnowCore
internal import WinnowIO
internal import WinnowProvenance

/// A file a stage reads as configuration (``Stage/configurationFiles``): which stage, the path, its size and
/// SHA-256 when the run started. Listed in `config-files.json` (an output the manifest covers), so that an
/// auditor sees the exact labels or model that shaped the run, and a resume notices when one changed.
struct ConfigurationFile: Sendable, Hashable, Codable {
    var stage: String
    var path: String
    var bytes: Int64
    var sha256: String

    struct List: Sendable, Hashable, Codable {
        var files: [ConfigurationFile]
    }

    /// Every stage's configuration files, in stage order, each hashed now.
    static func collect(_ pipeline: Pipeline) throws -> [ConfigurationFile] {
        var files: [ConfigurationFile] = []
        for stage in pipeline.stages {
            for path in stage.configurationFiles {
                guard try FileSystem.isRegularFile(path) else {
                    throw WinnowError(.noInput, "configuration file of stage '\(stage.label)' is missing or not a regular file", at: .init(path: path), scope: .run)
                }
                files.append(ConfigurationFile(stage: stage.label, path: path, bytes: try FileSystem.fileSize(path), sha256: try FileDigest.sha256(of: path)))
            }
        }
        return files
    }
}
