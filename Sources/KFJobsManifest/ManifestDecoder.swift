import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLTree

/// The parsed YAML documents of one input file, ready to be decoded as manifests.
public struct ManifestInput: Sendable {
    /// The name the user knows the file by (the path as given, or `<stdin>`).
    public var file: String
    public var documents: [YAMLDocument]

    public init(file: String, documents: [YAMLDocument]) {
        self.file = file
        self.documents = documents
    }
}

/// The manifests decoded from some inputs, and every problem found in them.
public struct ManifestDecodingResult: Sendable {
    /// The manifests that decoded without an error, in input order.
    public var manifests: [Manifest]
    /// All errors and warnings, each located, in input order.
    public var diagnostics: [Diagnostic]
}

/// Decodes `kfjobs/v1` JobManifest documents into `Manifest`s, gathering every problem as a located
/// diagnostic rather than stopping at the first.
public struct ManifestDecoder: Sendable {
    /// The clock for rules that depend on it (a `once` time must be in the future).
    public var now: Date
    /// The names `${env.NAME}` may use (`--allow-env`).
    public var allowedEnvironment: Set<String>

    public init(now: Date, allowedEnvironment: Set<String> = []) {
        self.now = now
        self.allowedEnvironment = allowedEnvironment
    }

    /// The most job instances (each job times its matrix combinations) all inputs together may declare:
    /// each matrix is bounded, but a few kilobytes of jobs must not expand into millions of instances.
    public static let maxInstances = 100_000

    /// Decodes every document of every input; a manifest name used twice is an error at the second.
    ///
    /// `inputs` is consumed: a caller that passes its last copy (`consume`) lets each job's YAML
    /// nodes be freed as soon as the job is decoded, so the trees and the manifests are never both
    /// whole in memory (a 10 MB manifest's tree is most of validate's memory).
    public func decode(_ inputs: consuming [ManifestInput]) -> ManifestDecodingResult {
        var state = ManifestDecoding()
        var manifests: [Manifest] = []
        var firstByName: [String: SourceLocation] = [:]
        var instances = 0
        for inputIndex in inputs.indices {
            let file = inputs[inputIndex].file
            var documents: [YAMLDocument] = []
            swap(&documents, &inputs[inputIndex].documents)
            // `---` alone, or `~`, is an empty document, not a manifest.
            if !documents.contains(where: { $0.root.map { !$0.isNull } ?? false }) {
                state.error(ManifestMessage.noManifest(file: file), at: SourceLocation(file: file, line: 1, column: 1))
                continue
            }
            for documentIndex in documents.indices {
                let location = documents[documentIndex].location
                guard let root = documents[documentIndex].root.take(), !root.isNull else { continue }
                let errorsBefore = state.errorCount
                let (manifest, name) = state.manifest(consume root, at: location, decoder: self)
                if let name {
                    if let first = firstByName[name.value] {
                        state.error(
                            ManifestMessage.duplicateManifest(name.value), at: name.location,
                            notes: [.init(ManifestMessage.firstDefinedHere, at: first)])
                    } else {
                        firstByName[name.value] = name.location
                    }
                }
                guard let manifest, state.errorCount == errorsBefore, instances <= Self.maxInstances else { continue }
                for job in manifest.jobs where instances <= Self.maxInstances {
                    // Each factor is at most the matrix limit, so the product cannot overflow.
                    instances += job.matrix.reduce(1) { $0 * $1.values.count }
                    if instances > Self.maxInstances {
                        state.error(ManifestMessage.tooManyInstances(limit: Self.maxInstances), at: job.location)
                    }
                }
                if instances <= Self.maxInstances { manifests.append(manifest) }
            }
        }
        return ManifestDecodingResult(manifests: manifests, diagnostics: state.diagnostics.deduplicated())
    }

    /// Decodes the documents of a single input.
    public func decode(_ input: ManifestInput) -> ManifestDecodingResult {
        decode([input])
    }
}

extension Array where Element == Diagnostic {
    /// Drops repeats (a default's field checked for each job reports the same problem once), keeping order.
    func deduplicated() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { seen.insert($0).inserted }
    }
}

extension ManifestDecoder {
    /// The manifest and job name rule, `[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?`.
    public static func isValidName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        func alphanumeric(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 63 else { return false }
        return alphanumeric(first) && alphanumeric(last) && scalars.allSatisfy { alphanumeric($0) || $0 == "-" }
    }
}
