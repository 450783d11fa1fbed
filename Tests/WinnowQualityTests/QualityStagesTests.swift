import Testing
import WinnowCore
import WinnowQuality

@Suite struct QualityStagesTests {
    @Test func stageIdentifiersAreUnique() {
        let identifiers = QualityStages.all.map { $0.identifier }
        #expect(Set(identifiers).count == identifiers.count)
    }
}
