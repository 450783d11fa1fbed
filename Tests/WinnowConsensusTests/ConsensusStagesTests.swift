import Testing
import WinnowConsensus
import WinnowCore

@Suite struct ConsensusStagesTests {
    @Test func stageIdentifiersAreUnique() {
        let identifiers = ConsensusStages.all.map { $0.identifier }
        #expect(Set(identifiers).count == identifiers.count)
    }
}
