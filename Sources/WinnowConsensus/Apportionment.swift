/// Splits an integer amount among claimants in proportion to their shares, exactly.
///
/// Largest remainder (Hamilton's method): each claimant first gets `floor(amount × share / total)`; the
/// units left over go one each to the claimants with the largest fractional remainders, ties broken by the
/// claimant's id in UTF-8 byte order. The amounts always sum to `amount` when some share is positive; when
/// every share is zero (or there are no claimants) nothing is allocated and the amounts are all 0.
///
/// The quotas are computed in `Double`, so for amounts beyond 2^53 micro-units the split is still exact
/// in total and deterministic, but a quota may be off by a unit.
public enum Apportionment {
    public static func split(_ amount: Int64, shares: [Double], ids: [String]) -> [Int64] {
        precondition(shares.count == ids.count)
        precondition(amount >= 0)
        let total = shares.reduce(0) { $0 + max($1, 0) }
        guard total > 0, amount > 0 else { return Array(repeating: 0, count: shares.count) }
        var amounts = Array(repeating: Int64(0), count: shares.count)
        var remainders = Array(repeating: 0.0, count: shares.count)
        var given: Int64 = 0
        for index in shares.indices {
            let quota = Double(amount) * (max(shares[index], 0) / total)
            let whole = min(Int64(quota.rounded(.down)), amount)
            amounts[index] = whole
            remainders[index] = quota - Double(whole)
            given += whole
        }
        // Ranked by remainder (largest first), then by id bytes.
        let order = shares.indices.sorted { a, b in
            if remainders[a] != remainders[b] { return remainders[a] > remainders[b] }
            return utf8Precedes(ids[a], ids[b])
        }
        var left = amount - given
        var position = 0
        while left > 0 {
            let index = order[position % order.count]
            if shares[index] > 0 {
                amounts[index] += 1
                left -= 1
            }
            position += 1
        }
        // Rounding can only overshoot by units when quotas are huge; take them back from the smallest remainders.
        position = order.count - 1
        while left < 0 {
            let index = order[(position % order.count + order.count) % order.count]
            if amounts[index] > 0 {
                amounts[index] -= 1
                left += 1
            }
            position -= 1
        }
        return amounts
    }
}
