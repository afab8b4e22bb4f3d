import Diagnostics
import LocatedDecoding
import YAMLTree

/// The decoder's working state: the diagnostics gathered so far, and the checks every part shares
/// (the shape checks come from ``LocatedDecoder``).
struct ManifestDecoding: LocatedDecoder {
    var problems = DiagnosticCollector()

    var diagnostics: [Diagnostic] { problems.diagnostics }
    var errorCount: Int { problems.errorCount }

    /// The pairs of a mapping whose keys are free names (vars, matrix, fields), each key a scalar.
    mutating func namedMapping(_ node: YAMLNode, what: String) -> [(name: Located<String>, value: YAMLNode)]? {
        guard let pairs = node.mapping else {
            error(DecodingMessage.wrongShape(what, expected: "a mapping", found: node.kindDescription), at: node.location)
            return nil
        }
        var result: [(name: Located<String>, value: YAMLNode)] = []
        for pair in pairs {
            guard let key = pair.key.text, pair.key.isNull == false else {
                error(DecodingMessage.nonScalarKey(found: pair.key.kindDescription), at: pair.key.location)
                continue
            }
            guard !key.isEmpty else {
                error(ManifestMessage.emptyKey(), at: pair.key.location)
                continue
            }
            result.append((Located(key, at: pair.key.location), pair.value))
        }
        return result
    }

    /// A name following the manifest and job name rule, `[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?`.
    mutating func name(_ node: YAMLNode, what: String) -> Located<String>? {
        guard let text = scalar(node, what: what) else { return nil }
        guard ManifestDecoder.isValidName(text) else {
            error(ManifestMessage.invalidName(text), at: node.location)
            return nil
        }
        return Located(text, at: node.location)
    }


    /// A vars or matrix key: letters, digits, `_` and `-`, not starting with a digit or `-`, so that it
    /// reads unambiguously inside `${...}` and a job key's `[k=v]`.
    static func isValidIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        func letter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" }
        return letter(first) && text.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
