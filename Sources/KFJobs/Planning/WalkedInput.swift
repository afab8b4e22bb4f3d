import YAMLTree

/// The rule for files met while walking a directory (never for a file named on the command line,
/// which is always a manifest): a file whose documents are all something other than kfjobs
/// manifests — another tool's YAML (CI recipes, Kubernetes objects) or a simulator fleet — is skipped,
/// with its reason, instead of failing as a broken manifest.
public enum WalkedInput {
    /// A file a walk skipped, and why.
    public struct Skipped: Error, Hashable, Sendable {
        public var file: String
        public var reason: Reason
    }

    /// Why a file is not read as manifests.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// No document has an `apiVersion` of `kfjobs/...`.
        case foreign
        /// `kind: SimulatorFleet`: a fleet file for the simulator.
        case fleet

        /// Words for a count of files: "3 not kfjobs YAML", "1 simulator fleet".
        public func describe(count: Int) -> String {
            switch self {
            case .foreign: "\(count) without apiVersion kfjobs/..."
            case .fleet: "\(count) simulator fleet\(count == 1 ? "" : "s")"
            }
        }
    }

    /// The documents of a walked file to read as manifests, or why the file is skipped. A file with
    /// no complete document (empty, or broken before its first document ended) is read as a manifest
    /// and errors as one: a manifest with a syntax error must never be skipped as foreign.
    public static func classify(_ parsed: YAMLParseResult, file: String) -> Result<YAMLParseResult, Skipped> {
        let documents = parsed.documents.filter { $0.root != nil }
        guard !documents.isEmpty else { return .success(parsed) }
        let kinds = documents.map(kind(of:))
        if kinds.contains(.manifest) {
            var kept = parsed
            kept.documents = zip(documents, kinds).filter { $0.1 == .manifest }.map(\.0)
            return .success(kept)
        }
        return .failure(Skipped(file: file, reason: kinds.contains(.fleet) ? .fleet : .foreign))
    }

    /// `classify` for a file a walk found, the file as it is for one named; a skipped file is added to
    /// `skipped` and gives `nil`.
    public static func read(_ parsed: YAMLParseResult, file: String, walked: Bool, skipped: inout [Skipped]) -> YAMLParseResult? {
        guard walked else { return parsed }
        switch classify(parsed, file: file) {
        case .success(let kept):
            return kept
        case .failure(let skip):
            skipped.append(skip)
            return nil
        }
    }

    private enum Kind {
        case manifest, fleet, foreign
    }

    /// `apiVersion: kfjobs/...` with any kind but SimulatorFleet is a manifest (a wrong kind then still
    /// errors, as it should); anything else is not.
    private static func kind(of document: YAMLDocument) -> Kind {
        guard let root = document.root, let version = root["apiVersion"]?.text, version.hasPrefix("kfjobs/") else {
            return .foreign
        }
        return root["kind"]?.text == "SimulatorFleet" ? .fleet : .manifest
    }
}
