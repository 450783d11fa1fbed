
/// The split of a run's reward pool, in integer micro-units.
///
/// **Labelers** are paid for the information their labels carried (``labelerInformation(_:)``):
/// `n × max(0, accuracy − chance) / (1 − chance)` — the number of labels times the estimated accuracy above
/// what a labeler who never looks at the item gets, normalised so that a perfect labeler's label is worth 1.
/// Labelers flagged as spammers or adversarial get 0, whatever their estimate.
///
/// **Data contributors** are paid by the total weight of their documents that reached the ledger stage (after
/// every filter and deduplication before it); a document without a weight counts 1. Duplicate credit goes
/// to the *representative*: the whole credit of a duplicate cluster goes to the contributor of the document
/// deduplication keeps (by default the first seen: the earliest of the cluster in the global input order;
/// with a score attribute, the highest-scoring one), and the removed copies earn nothing.
///
/// Each pool is split with ``Apportionment`` (largest remainder, ties by id bytes), so amounts sum exactly to
/// the pool; when nobody earned anything the pool is reported as unallocated.
public struct RewardLedger: Sendable, Hashable, Codable {
    public struct LabelerEntry: Sendable, Hashable, Codable {
        public var id: String
        public var labels: Int
        public var accuracy: Double
        public var chance: Double
        public var spammer: Bool
        public var adversarial: Bool
        public var information: Double
        public var amount: Int64
    }

    public struct ContributorEntry: Sendable, Hashable, Codable {
        public var id: String
        public var documents: Int64
        /// Copies removed by deduplication whose credit went to this contributor's kept documents.
        public var duplicatesAbsorbed: Int64
        public var weight: Double
        public var amount: Int64
    }

    public var unit: String = "micro"
    public var labelerPool: Int64
    public var contributorPool: Int64
    public var labelers: [LabelerEntry]
    public var contributors: [ContributorEntry]
    public var unallocatedLabelerPool: Int64
    public var unallocatedContributorPool: Int64
    public var duplicateCredit: String = "first-seen"
    public var weights: WeightSummary

    /// The reward basis of one labeler (see the type's documentation).
    public static func labelerInformation(_ report: LabelerReport) -> Double {
        guard !report.spammer, !report.adversarial, report.chance < 1 else { return 0 }
        return Double(report.labels) * max(0, report.accuracy - report.chance) / (1 - report.chance)
    }

    /// Splits the pools. `labelers` and `contributors` may come in any order; the entries are sorted by id bytes.
    public static func compute(
        labelerPool: Int64, contributorPool: Int64, labelers: [LabelerReport],
        contributors: [(id: String, documents: Int64, duplicatesAbsorbed: Int64, weight: Double)], weights: WeightSummary
    ) -> RewardLedger {
        let sortedLabelers = labelers.sorted { utf8Precedes($0.id, $1.id) }
        let information = sortedLabelers.map(labelerInformation)
        let labelerAmounts = Apportionment.split(labelerPool, shares: information, ids: sortedLabelers.map(\.id))
        let sortedContributors = contributors.sorted { utf8Precedes($0.id, $1.id) }
        let contributorAmounts = Apportionment.split(
            contributorPool, shares: sortedContributors.map(\.weight), ids: sortedContributors.map(\.id))
        return RewardLedger(
            labelerPool: labelerPool, contributorPool: contributorPool,
            labelers: sortedLabelers.indices.map { index in
                let report = sortedLabelers[index]
                return LabelerEntry(
                    id: report.id, labels: report.labels, accuracy: report.accuracy, chance: report.chance,
                    spammer: report.spammer, adversarial: report.adversarial, information: information[index],
                    amount: labelerAmounts[index])
            },
            contributors: sortedContributors.indices.map { index in
                let entry = sortedContributors[index]
                return ContributorEntry(
                    id: entry.id, documents: entry.documents, duplicatesAbsorbed: entry.duplicatesAbsorbed,
                    weight: entry.weight, amount: contributorAmounts[index])
            },
            unallocatedLabelerPool: labelerPool - labelerAmounts.reduce(0, +),
            unallocatedContributorPool: contributorPool - contributorAmounts.reduce(0, +),
            weights: weights)
    }

    /// `kind,id,amount_micro,basis`: labelers (basis = information) then contributors (basis = weight), each
    /// sorted by id bytes, then one `unallocated` line per pool.
    public func csv() -> [UInt8] {
        var out: [UInt8] = Array("kind,id,amount_micro,basis\n".utf8)
        for entry in labelers {
            out += Array("labeler,".utf8)
            ConsensusCSV.field(entry.id, to: &out)
            out += Array(",\(entry.amount),\(ConsensusCSV.number(entry.information))\n".utf8)
        }
        for entry in contributors {
            out += Array("contributor,".utf8)
            ConsensusCSV.field(entry.id, to: &out)
            out += Array(",\(entry.amount),\(ConsensusCSV.number(entry.weight))\n".utf8)
        }
        out += Array("unallocated,labelers,\(unallocatedLabelerPool),0\n".utf8)
        out += Array("unallocated,contributors,\(unallocatedContributorPool),0\n".utf8)
        return out
    }
}
