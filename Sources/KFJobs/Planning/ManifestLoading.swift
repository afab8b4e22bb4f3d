import Crypto
import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobsManifest
import YAMLTree

/// Steps 1 and 2 of the pipeline and the offline part of expansion: sources to job instances.
public struct ManifestLoading: Sendable {
    /// Manifests, instances and every problem found, plus the digest of each input for the ledger.
    public struct Result: Sendable {
        public var manifests: [Manifest]
        public var instances: [JobInstance]
        public var diagnostics: [Diagnostic]
        /// The sources read as manifests (not those a directory walk skipped), in order.
        public var sources: [YAMLSource]
        /// Files a directory walk met that are not manifests (`WalkedInput`).
        public var skipped: [WalkedInput.Skipped] = []

        /// The SHA-256 of each source for the ledger, made when asked: `validate` never asks, and
        /// hashing is a few percent of reading a large manifest.
        public var inputs: [LedgerRecord.InputDigest] {
            sources.map { LedgerRecord.InputDigest(path: $0.name, sha256: ManifestLoading.sha256($0.bytes)) }
        }
    }

    public var limits: YAMLLimits
    public var allowedEnvironment: Set<String>
    /// Values of the allowed `${env.*}` variables.
    public var environment: [String: String]
    public var now: Date
    /// The sources found by walking a directory rather than named: those are skipped when they hold
    /// no kfjobs manifest (`WalkedInput`).
    public var walked: Set<String> = []
    /// Whether an allowed `${env.*}` variable that is unset is an error: it is when planning, not when
    /// validating, which must not need the secrets.
    public var requiresEnvironment = true
    /// Whether the result keeps the job instances (planning needs them); `validate` only needs them
    /// checked, and the instances of a large manifest cost more memory than its decoded form.
    public var keepsInstances = true

    public init(limits: YAMLLimits = YAMLLimits(), allowedEnvironment: Set<String>, environment: [String: String], now: Date) {
        self.limits = limits
        self.allowedEnvironment = allowedEnvironment
        self.environment = environment
        self.now = now
    }

    public func load(_ sources: [YAMLSource]) -> Result {
        var diagnostics: [Diagnostic] = []
        var skipped: [WalkedInput.Skipped] = []
        var read: [YAMLSource] = []
        // The YAML trees live only inside this call: nothing after decoding needs them (diagnostics
        // carry their locations), and freeing them before expansion lowers the peak memory.
        let decoded = decode(sources, diagnostics: &diagnostics, skipped: &skipped, read: &read)
        diagnostics += decoded.diagnostics
        let expander = ManifestExpander(environment: environment, now: now, requiresEnvironment: requiresEnvironment)
        var instances: [JobInstance] = []
        if keepsInstances {
            let expanded = expander.expand(decoded.manifests)
            instances = expanded.instances
            diagnostics += expanded.diagnostics
        } else {
            diagnostics += expander.diagnostics(of: decoded.manifests)
        }
        return Result(manifests: decoded.manifests, instances: instances, diagnostics: diagnostics, sources: read, skipped: skipped)
    }

    /// Parses and decodes `sources`: the parse problems go to `diagnostics`, the decoder's stay in the result.
    private func decode(
        _ sources: [YAMLSource], diagnostics: inout [Diagnostic], skipped: inout [WalkedInput.Skipped], read: inout [YAMLSource]
    ) -> ManifestDecodingResult {
        var inputs: [ManifestInput] = []
        for source in sources {
            guard let parsed = WalkedInput.read(
                source.parse(limits: limits), file: source.name, walked: walked.contains(source.name), skipped: &skipped)
            else { continue }
            read.append(source)
            diagnostics += parsed.diagnostics
            if !parsed.diagnostics.containsErrors {
                inputs.append(ManifestInput(file: source.name, documents: parsed.documents))
            }
        }
        return ManifestDecoder(now: now, allowedEnvironment: allowedEnvironment).decode(consume inputs)
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        JobFingerprint.hex(SHA256.hash(data: bytes))
    }
}
