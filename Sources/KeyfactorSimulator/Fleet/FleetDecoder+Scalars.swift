import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KeyfactorWire
import LocatedDecoding
import YAMLTree

extension FleetDecoder {
    mutating func error(_ message: @autoclosure () -> String, at node: YAMLNode, notes: @autoclosure () -> [Diagnostic.Note] = []) {
        problems.error(message(), at: node.location, notes: notes())
    }

    /// The node's values by key, reporting a non-mapping, unknown keys (with the nearest known one) and
    /// missing required keys as the manifest decoder does; `what` names the mapping in both.
    mutating func mapping(_ node: YAMLNode, _ what: String, allowed: [String], required: [String] = []) -> [String: YAMLNode]? {
        mapping(node, what: what, context: what, known: allowed, required: required)?.valuesByKey
    }

    /// A list's items; unlike a manifest's lists, a fleet's may be empty.
    mutating func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        sequence(node, what: what, nonEmpty: false)
    }

    mutating func string(_ node: YAMLNode) -> String? {
        guard let text = node.text, !node.isNull else {
            error(FleetMessage.notAValue(found: node.kindDescription), at: node)
            return nil
        }
        return text
    }

    mutating func integer(_ node: YAMLNode, _ what: String, minimum: Int) -> Int? {
        guard let text = string(node) else { return nil }
        guard let value = Int(text), value >= minimum else {
            error(FleetMessage.wholeNumber(what, minimum: minimum, text), at: node)
            return nil
        }
        return value
    }

    mutating func rate(_ node: YAMLNode, _ what: String) -> Double? {
        guard let text = string(node) else { return nil }
        guard let value = SimulatorFaults.parseRate(text) else {
            error(FleetMessage.rate(what, text), at: node)
            return nil
        }
        return value
    }

    mutating func boolean(_ node: YAMLNode) -> Bool? {
        guard let text = string(node) else { return nil }
        guard let flag = Self.bool(text) else {
            error(FleetMessage.bool(text), at: node)
            return nil
        }
        return flag
    }

    mutating func duration(_ node: YAMLNode) -> TimeInterval? {
        guard let text = string(node) else { return nil }
        guard let seconds = Self.duration(text) else {
            error(FleetMessage.duration(text), at: node)
            return nil
        }
        return seconds
    }

    mutating func guid(_ node: YAMLNode) -> String? {
        guard let text = string(node) else { return nil }
        guard UUID(uuidString: text) != nil else {
            error(FleetMessage.guid(text), at: node)
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

    /// A fleet's durations are written as the command line's are (`DurationText`), up to 100 years.
    static func duration(_ text: String) -> TimeInterval? {
        DurationText.seconds(text)
    }

    /// `20ms` (fixed) or `5ms..50ms` (uniform range).
    static func latency(_ text: String) -> ClosedRange<Double>? {
        let parts = text.components(separatedBy: "..")
        if parts.count == 1, let value = duration(text) { return value...value }
        guard parts.count == 2, let low = duration(parts[0].trimmingWhitespace()),
            let high = duration(parts[1].trimmingWhitespace()), low <= high
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
