import Diagnostics
import YAMLTree

/// The decoder's working state: the diagnostics gathered so far, and the checks every part shares.
struct ManifestDecoding {
    var diagnostics: [Diagnostic] = []
    /// The errors so far, kept as a count so that "did this part add an error" stays cheap in big inputs.
    private(set) var errorCount = 0

    /// The most diagnostics kept: past this, a hostile input's millionth problem is counted but neither
    /// described (messages are built only when kept) nor stored.
    static let maxDiagnostics = 1000

    /// What is kept so far, so that a repeat (a default's field checked for each job) is kept once.
    private var kept: Set<Diagnostic> = []

    mutating func error(_ message: @autoclosure () -> String, at location: SourceLocation, notes: @autoclosure () -> [Diagnostic.Note] = []) {
        errorCount += 1
        if keep(.error, at: location) { append(.error(message(), at: location, notes: notes())) }
    }

    mutating func warning(_ message: @autoclosure () -> String, at location: SourceLocation) {
        if keep(.warning, at: location) { append(.warning(message(), at: location)) }
    }

    private mutating func append(_ diagnostic: Diagnostic) {
        if kept.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Whether there is room for one more diagnostic. The first one over the limit is replaced by a
    /// notice that says so, an error as soon as any dropped diagnostic is one (so that a thousand
    /// warnings cannot hide an error, nor fail an input that has none).
    private mutating func keep(_ severity: Diagnostic.Severity, at location: SourceLocation) -> Bool {
        if diagnostics.count < Self.maxDiagnostics { return true }
        if diagnostics.count == Self.maxDiagnostics {
            diagnostics.append(Diagnostic(severity, ManifestMessage.tooManyProblems(Self.maxDiagnostics), at: location))
        } else if severity == .error, let last = diagnostics.indices.last {
            diagnostics[last].severity = .error
        }
        return false
    }

    /// The mapping's pairs by key, after reporting keys that are not scalars, unknown keys and missing
    /// required keys; `nil` (with an error) when `node` is not a mapping.
    mutating func mapping(
        _ node: YAMLNode, what: String, context: String, known: [String], required: [String] = []
    ) -> [String: YAMLPair]? {
        guard let pairs = node.mapping else {
            error(ManifestMessage.wrongShape(what, expected: "a mapping", found: node.kindDescription), at: node.location)
            return nil
        }
        var byKey: [String: YAMLPair] = [:]
        for pair in pairs {
            guard let key = pair.key.text, pair.key.isNull == false else {
                error(ManifestMessage.nonScalarKey(found: pair.key.kindDescription), at: pair.key.location)
                continue
            }
            guard known.contains(key) else {
                error(key == "<<" ? ManifestMessage.mergeKey() : ManifestMessage.unknownKey(key, in: context, known: known), at: pair.key.location)
                continue
            }
            // The parser already reports duplicate keys; the first one counts.
            if byKey[key] == nil { byKey[key] = pair }
        }
        for key in required where byKey[key] == nil {
            error(ManifestMessage.missingKey(key, in: context), at: node.location)
        }
        return byKey
    }

    /// The pairs of a mapping whose keys are free names (vars, matrix, fields), each key a scalar.
    mutating func namedMapping(_ node: YAMLNode, what: String) -> [(name: Located<String>, value: YAMLNode)]? {
        guard let pairs = node.mapping else {
            error(ManifestMessage.wrongShape(what, expected: "a mapping", found: node.kindDescription), at: node.location)
            return nil
        }
        var result: [(name: Located<String>, value: YAMLNode)] = []
        for pair in pairs {
            guard let key = pair.key.text, pair.key.isNull == false else {
                error(ManifestMessage.nonScalarKey(found: pair.key.kindDescription), at: pair.key.location)
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

    /// The items of a list; `nil` (with an error) when `node` is not one.
    mutating func sequence(_ node: YAMLNode, what: String, nonEmpty: Bool = true) -> [YAMLNode]? {
        guard let items = node.sequence else {
            error(ManifestMessage.wrongShape(what, expected: "a list", found: node.kindDescription), at: node.location)
            return nil
        }
        if nonEmpty && items.isEmpty {
            error(ManifestMessage.emptyList(what), at: node.location)
            return nil
        }
        return items
    }

    /// A non-null scalar's text; `nil` (with an error) otherwise.
    mutating func scalar(_ node: YAMLNode, what: String) -> String? {
        guard let text = node.text, node.isNull == false else {
            error(ManifestMessage.wrongShape(what, expected: "a scalar", found: node.kindDescription), at: node.location)
            return nil
        }
        return text
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
