@testable import KFJobsManifest
import Diagnostics
import TestSupport
import Testing
import YAMLTree

@Suite("A job's fields merged over the defaults")
struct FieldMergeTests {
    typealias Entry = (name: Located<String>, value: YAMLNode)

    static func entry(_ name: String, _ value: String) -> Entry {
        let location = SourceLocation(file: "m.yaml", line: 1, column: 1)
        return (Located(name, at: location), YAMLNode(.scalar(YAMLScalar(text: value, style: .plain)), at: location))
    }

    /// The rule spelt out: the defaults in order, each replaced by the job's field of its name; then the
    /// job's other fields in their order.
    static func reference(_ own: [Entry], over defaults: [Entry]) -> [String] {
        var merged = defaults.map { "\($0.name.value)=\($0.value.text!)" }
        for entry in own {
            if let index = defaults.firstIndex(where: { $0.name.value == entry.name.value }) {
                merged[index] = "\(entry.name.value)=\(entry.value.text!)"
            } else {
                merged.append("\(entry.name.value)=\(entry.value.text!)")
            }
        }
        return merged
    }

    @Test("by a scan for a few defaults and by a dictionary for many, the same as the rule")
    func mergeMatchesTheRule() {
        var generator = SplitMix64(seed: 41)
        // Up to 20 defaults crosses the count at which the defaults' names go into a dictionary.
        for _ in 0..<2_000 {
            let names = (0..<30).map { "F\($0)" }.shuffled(using: &generator)
            let defaults = names.prefix(Int.random(in: 0...20, using: &generator)).map { Self.entry($0, "default") }
            let own = names.shuffled(using: &generator).prefix(Int.random(in: 0...20, using: &generator)).map { Self.entry($0, "own") }
            let merged = ManifestDecoding.merging(Array(own), over: Array(defaults))
            #expect(merged.map { "\($0.name.value)=\($0.value.text!)" } == Self.reference(Array(own), over: Array(defaults)))
        }
    }
}
