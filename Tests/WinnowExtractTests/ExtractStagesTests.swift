import Testing
import WinnowCore
import WinnowExtract

@Suite struct ExtractStagesTests {
    @Test func stageIdentifiersAreUnique() {
        let identifiers = ExtractStages.all.map { $0.identifier }
        #expect(Set(identifiers).count == identifiers.count)
    }
}
