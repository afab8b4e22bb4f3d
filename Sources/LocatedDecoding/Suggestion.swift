/// "Did you mean" suggestions: the nearest of some candidates to a misspelled word.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    ///
    /// A difference of case alone always qualifies; otherwise the edit distance may be at most a third of
    /// the word's length (and at least 1), so that short words do not suggest unrelated ones.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        // The distance costs the product of the two lengths: no name kfjobs suggests is this long, and a
        // hostile multi-megabyte key must not cost a matrix of that size for each candidate.
        let length = word.unicodeScalars.count
        guard length <= maxWordLength, candidates.count <= maxCandidates else { return nil }
        if let sameIgnoringCase = candidates.first(where: { $0.lowercased() == word.lowercased() && $0 != word }) {
            return sameIgnoringCase
        }
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            // The distance is at least the difference in length: skip what cannot be close enough.
            guard abs(candidate.unicodeScalars.count - length) <= limit else { continue }
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Words longer than this get no suggestion.
    public static let maxWordLength = 128
    /// Among more candidates than this (a matrix of thousands of values), no suggestion is looked for:
    /// it would cost more than it helps, once for every misspelling.
    public static let maxCandidates = 1_000

    /// `; did you mean 'X'?` when there is a close candidate, else the empty string.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        nearest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
