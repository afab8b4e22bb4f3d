import Diagnostics
import Foundation
import YAMLTree

extension FleetDecoder {
    /// The most diagnostics kept; past this a hostile file's problems are neither described nor stored.
    static let maxDiagnostics = 1000

    mutating func error(_ message: @autoclosure () -> String, at node: YAMLNode, notes: @autoclosure () -> [Diagnostic.Note] = []) {
        switch diagnostics.count {
        case ..<Self.maxDiagnostics:
            diagnostics.append(.error(message(), at: node.location, notes: notes()))
        case Self.maxDiagnostics:
            diagnostics.append(.error("too many problems; the first \(Self.maxDiagnostics) are shown, fix them and run again", at: node.location))
        default:
            break
        }
    }

    /// The node's pairs by key, reporting a non-mapping, unknown keys (with the nearest known one) and
    /// duplicate keys.
    mutating func mapping(_ node: YAMLNode, _ what: String, allowed: [String]) -> [String: YAMLNode]? {
        guard let pairs = node.mapping else {
            error("\(what) must be a mapping, not \(node.kindDescription)", at: node)
            return nil
        }
        var result: [String: YAMLNode] = [:]
        var keys: [String: YAMLNode] = [:]
        for pair in pairs {
            guard let key = pair.key.text, !pair.key.isNull else {
                error("keys must be text", at: pair.key)
                continue
            }
            guard allowed.contains(key) else {
                error("unknown key \"\(key)\" in \(what)\(Suggestion.nearest(to: key, in: allowed).map { "; did you mean \($0)?" } ?? "")", at: pair.key)
                continue
            }
            if let first = keys[key] {
                error("duplicate key \"\(key)\"", at: pair.key, notes: [Diagnostic.Note("first defined here", at: first.location)])
                continue
            }
            keys[key] = pair.key
            result[key] = pair.value
        }
        return result
    }

    mutating func required(_ map: [String: YAMLNode], _ key: String, in node: YAMLNode) -> YAMLNode? {
        guard let value = map[key] else {
            error("missing required key \"\(key)\"", at: node)
            return nil
        }
        return value
    }

    mutating func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        guard let items = node.sequence else {
            error("\(what) must be a list, not \(node.kindDescription)", at: node)
            return nil
        }
        return items
    }

    mutating func string(_ node: YAMLNode) -> String? {
        guard let text = node.text, !node.isNull else {
            error("expected a value, not \(node.kindDescription)", at: node)
            return nil
        }
        return text
    }

    mutating func integer(_ node: YAMLNode, _ what: String, minimum: Int) -> Int? {
        guard let text = string(node) else { return nil }
        guard let value = Int(text), value >= minimum else {
            error("\(what) must be a whole number\(minimum > Int.min ? " of at least \(minimum)" : ""), not \"\(text)\"", at: node)
            return nil
        }
        return value
    }

    mutating func rate(_ node: YAMLNode, _ what: String) -> Double? {
        guard let text = string(node) else { return nil }
        var value = Double(text)
        if text.hasSuffix("%") { value = Double(text.dropLast()).map { $0 / 100 } }
        guard let value, value >= 0, value <= 1 else {
            error("\(what) must be a number from 0 to 1 (or a percentage), not \"\(text)\"", at: node)
            return nil
        }
        return value
    }

    mutating func boolean(_ node: YAMLNode) -> Bool? {
        guard let text = string(node) else { return nil }
        guard let flag = Self.bool(text) else {
            error("expected true or false, not \"\(text)\"", at: node)
            return nil
        }
        return flag
    }

    mutating func duration(_ node: YAMLNode) -> TimeInterval? {
        guard let text = string(node) else { return nil }
        guard let seconds = Self.duration(text) else {
            error("expected a duration such as 500ms, 2s, 5m, 1h or 7d (at most 36500d), not \"\(text)\"", at: node)
            return nil
        }
        return seconds
    }

    mutating func guid(_ node: YAMLNode) -> String? {
        guard let text = string(node) else { return nil }
        guard UUID(uuidString: text) != nil else {
            error("\"\(text)\" is not a GUID", at: node)
            return nil
        }
        return text.lowercased()
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// The longest duration a fleet may give (100 years): anything longer, or infinite, would overflow
    /// the clock arithmetic of sleeps and dates it ends up in.
    static let maxDuration: TimeInterval = 36_500 * 86_400

    /// `500ms`, `2s`, `5m`, `1h`, `7d`, or a bare number of seconds; at most 100 years.
    static func duration(_ text: String) -> TimeInterval? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        var seconds: Double?
        if let (suffix, scale) = units.first(where: { text.hasSuffix($0.0) }) {
            seconds = Double(text.dropLast(suffix.count)).map { $0 * scale }
        } else {
            seconds = Double(text)
        }
        guard let seconds, seconds >= 0, seconds <= maxDuration else { return nil }
        return seconds
    }

    /// `20ms` (fixed) or `5ms..50ms` (uniform range).
    static func latency(_ text: String) -> ClosedRange<Double>? {
        let parts = text.components(separatedBy: "..")
        if parts.count == 1, let value = duration(text) { return value...value }
        guard parts.count == 2, let low = duration(parts[0].trimmingCharacters(in: .whitespaces)),
            let high = duration(parts[1].trimmingCharacters(in: .whitespaces)), low <= high
        else { return nil }
        return low...high
    }

    static let platformNames = ["unknown", "dotnet", "java", "mac", "android", "native", "bash", "universal"]

    static func platform(_ text: String) -> Int? {
        if let number = Int(text), (0...7).contains(number) { return number }
        return platformNames.firstIndex(of: text.lowercased())
    }

    static func status(_ text: String) -> Int? {
        if let number = Int(text), (1...4).contains(number) { return number }
        return ["new": 1, "approved": 2, "disapproved": 3][text.lowercased()]
    }
}

/// The nearest of some names to a misspelt one, for "did you mean" hints.
enum Suggestion {
    static func nearest(to word: String, in candidates: [String]) -> String? {
        // The distance costs the product of the lengths; no known key is anywhere near this long.
        guard word.count <= 128 else { return nil }
        let lower = word.lowercased()
        if let sameLetters = candidates.first(where: { $0.lowercased() == lower }) { return sameLetters }
        let limit = max(2, word.count / 3)
        // The distance is at least the difference in length: skip what cannot be close enough.
        let scored = candidates.filter { abs($0.count - word.count) <= limit }
            .map { ($0, distance(Array(lower), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
