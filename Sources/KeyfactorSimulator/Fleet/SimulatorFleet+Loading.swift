import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLTree

extension SimulatorFleet {
    /// Reads a fleet file (`kind: SimulatorFleet`); the fleet is `nil` when any diagnostic is an error.
    /// `now` is where relative `lastSeen` ages count back from.
    public static func load(_ bytes: [UInt8], file: String, now: Date = Date()) -> (
        fleet: SimulatorFleet?, diagnostics: [Diagnostic]
    ) {
        let parsed = YAMLParser.parse(bytes, file: file)
        var diagnostics = parsed.diagnostics
        if diagnostics.containsErrors { return (nil, diagnostics) }
        let documents = parsed.documents.filter { $0.root != nil }
        guard let first = documents.first, let root = first.root else {
            diagnostics.append(.error(FleetMessage.noFleet(file: file), at: SourceLocation(file: file, line: 1, column: 1)))
            return (nil, diagnostics)
        }
        if documents.count > 1 {
            diagnostics.append(
                .error(
                    "a fleet file holds one document; this is the second", at: documents[1].location,
                    notes: [Diagnostic.Note("the fleet starts here", at: first.location)]))
        }
        var decoder = FleetDecoder(now: now)
        let fleet = decoder.decode(root)
        // In file order, as a reader goes through them; the decoder visits sections in its own order.
        diagnostics += decoder.diagnostics.enumerated().sorted { a, b in
            let left = a.element.location ?? root.location
            let right = b.element.location ?? root.location
            return left == right ? a.offset < b.offset : left < right
        }.map(\.element)
        return (diagnostics.containsErrors ? nil : fleet, diagnostics)
    }

    /// The built-in fleet: the YAML of `examples/fleets/default.yaml`, compiled in.
    public static func builtInDefault(now: Date = Date()) -> SimulatorFleet {
        let (fleet, diagnostics) = load(Array(DefaultFleet.yaml.utf8), file: "<built-in default fleet>", now: now)
        guard let fleet else {
            // Tests load this same text; reaching here means the binary was built from a broken tree.
            preconditionFailure("the built-in fleet does not load: \(diagnostics)")
        }
        return fleet
    }

    /// The text of the built-in fleet, for `kfjobs simulator --print-default-fleet` and tests.
    public static var builtInDefaultYAML: String { DefaultFleet.yaml }
}
