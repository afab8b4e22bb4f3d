import Diagnostics
import YAMLTree

/// A decoder of located YAML into typed values: the manifest decoder and the simulator's fleet decoder
/// are both one. Conformers hold a ``DiagnosticCollector`` and get the shape checks every decoder
/// needs, each reporting its problem at the node, in one wording (``DecodingMessage``).
public protocol LocatedDecoder {
    var problems: DiagnosticCollector { get set }
}

extension LocatedDecoder {
    public mutating func error(
        _ message: @autoclosure () -> String, at location: SourceLocation, notes: @autoclosure () -> [Diagnostic.Note] = []
    ) {
        problems.error(message(), at: location, notes: notes())
    }

    public mutating func warning(_ message: @autoclosure () -> String, at location: SourceLocation) {
        problems.warning(message(), at: location)
    }

    /// The mapping's pairs by key, after reporting keys that are not scalars, unknown keys (with the
    /// nearest known one) and missing required keys; `nil` (with an error) when `node` is not a mapping.
    /// `what` names the node in "must be a mapping", `context` in "unknown key 'x' in ..." (both made
    /// only for a message).
    public mutating func mapping(
        _ node: YAMLNode, what: @autoclosure () -> String, context: @autoclosure () -> String, known: [String], required: [String] = []
    ) -> KnownKeyPairs? {
        guard let pairs = node.mapping else {
            error(DecodingMessage.wrongShape(what(), expected: "a mapping", found: node.kindDescription), at: node.location)
            return nil
        }
        var byKey = KnownKeyPairs(known: known, of: pairs)
        for (place, pair) in pairs.enumerated() {
            guard let key = pair.key.text, pair.key.isNull == false else {
                error(DecodingMessage.nonScalarKey(found: pair.key.kindDescription), at: pair.key.location)
                continue
            }
            guard let index = known.firstIndex(of: key) else {
                error(key == "<<" ? DecodingMessage.mergeKey() : DecodingMessage.unknownKey(key, in: context(), known: known), at: pair.key.location)
                continue
            }
            // The parser already reports duplicate keys; the first one counts.
            byKey.keepFirst(pairAt: place, at: index)
        }
        for key in required where byKey[key] == nil {
            error(DecodingMessage.missingKey(key, in: context()), at: node.location)
        }
        return byKey
    }

    /// The items of a list; `nil` (with an error) when `node` is not one, or is empty and `nonEmpty`.
    public mutating func sequence(_ node: YAMLNode, what: @autoclosure () -> String, nonEmpty: Bool = true) -> [YAMLNode]? {
        guard let items = node.sequence else {
            error(DecodingMessage.wrongShape(what(), expected: "a list", found: node.kindDescription), at: node.location)
            return nil
        }
        if nonEmpty && items.isEmpty {
            error(DecodingMessage.emptyList(what()), at: node.location)
            return nil
        }
        return items
    }

    /// A non-null scalar's text; `nil` (with an error) otherwise.
    public mutating func scalar(_ node: YAMLNode, what: @autoclosure () -> String) -> String? {
        guard let text = node.text, node.isNull == false else {
            error(DecodingMessage.wrongShape(what(), expected: "a scalar", found: node.kindDescription), at: node.location)
            return nil
        }
        return text
    }
}
