import Foundation
@testable import KFJobsManifest
@testable import LocatedDecoding
import Testing
import YAMLTree

@testable import KFJobs

/// Manifests built to make the decoder slow or large: each costs time linear in its size, and what it
/// reports is bounded.
@Suite("Hostile manifests")
struct HostileManifestTests {
    @Test func aThousandDiagnosticsAreKeptAndTheRestCounted() {
        let keys = (0..<3_000).map { "unknown\($0): 1\n" }.joined()
        let (manifests, diagnostics) = ManifestTestSupport.decode(ManifestTestSupport.manifest(job: "", header: keys))
        #expect(manifests.isEmpty)
        let rendered = ManifestTestSupport.rendered(diagnostics)
        #expect(rendered.count == 1_001)
        #expect(rendered.first == "5:1: error: unknown key 'unknown0' in the manifest")
        #expect(rendered.last == "1005:1: error: too many problems; the first 1000 are shown, fix them and run again")
    }

    @Test func warningsOverTheLimitDoNotHideALaterError() {
        // 1,500 sensitive names that are not fields (warnings), then a second job with a null field.
        let names = (0..<1_500).map { "S\($0)" }.joined(separator: ", ")
        let second = "  - {name: second, jobType: FetchLogs, agents: {query: q}, fields: {Target: ~}}\n"
        let (_, diagnostics) = ManifestTestSupport.decode(ManifestTestSupport.manifest(job: "    sensitive: [\(names)]\n" + second))
        #expect(diagnostics.count == 1_001)
        #expect(diagnostics.containsErrors)
        #expect(diagnostics.last?.severity == .error)
    }

    @Test func warningsOverTheLimitAloneDoNotFailTheManifest() {
        let names = (0..<1_500).map { "S\($0)" }.joined(separator: ", ")
        let (manifests, diagnostics) = ManifestTestSupport.decode(ManifestTestSupport.manifest(job: "    sensitive: [\(names)]\n"))
        #expect(manifests.count == 1)
        #expect(!diagnostics.containsErrors)
        #expect(diagnostics.last?.message == "too many problems; the first 1000 are shown, fix them and run again")
    }

    @Test func declaredInstancesAreBoundedAcrossManifests() {
        let axis = "[" + (0..<100).map { "v\($0)" }.joined(separator: ", ") + "]"
        let jobs = (0..<11).map { "  - {name: j\($0), jobType: FetchLogs, agents: {query: q}, matrix: {a: \(axis), b: \(axis)}}\n" }.joined()
        let text = "apiVersion: kfjobs/v1\nkind: JobManifest\nmetadata: {name: big}\njobs:\n" + jobs
        let (manifests, diagnostics) = ManifestTestSupport.decode(text)
        #expect(manifests.isEmpty)
        #expect(ManifestTestSupport.rendered(diagnostics) == [
            "15:5: error: the manifests declare more than 100000 jobs (each job times its matrix combinations); split them into several runs"
        ])
    }

    @Test func excludeIsBounded() {
        let axis = "[" + (0..<100).map { "v\($0)" }.joined(separator: ", ") + "]"
        let excludes = (0..<1_001).map { "      - {a: v\($0 % 100)}\n" }.joined()
        let (_, diagnostics) = ManifestTestSupport.decode(ManifestTestSupport.manifest(job: "    matrix: {a: \(axis)}\n    exclude:\n" + excludes))
        #expect(ManifestTestSupport.rendered(diagnostics) == ["11:7: error: exclude has 1001 entries; at most 1000 are allowed"])
    }

    @Test func duplicateMatrixValuesAreStillFoundInALongAxis() {
        let values = (0..<50_000).map { "v\($0)" } + ["v7"]
        let (_, diagnostics) = ManifestTestSupport.decode(ManifestTestSupport.manifest(job: "    matrix: {a: [\(values.joined(separator: ", "))]}\n"))
        #expect(diagnostics.map(\.message).prefix(1) == ["'v7' is listed twice in matrix.a"])
    }

    @Test func aJobsOwnFieldStillReplacesTheDefaultOfTheSameName() {
        let own = (0..<20_000).map { "      F\($0): own\n" }.joined()
        let text = ManifestTestSupport.manifest(job: "    fields:\n" + own, header: "defaults:\n  fields: {F5: default, Extra: default}\n")
        let (manifests, diagnostics) = ManifestTestSupport.decode(text)
        #expect(diagnostics.isEmpty)
        let fields = manifests.first?.jobs.first?.fields ?? []
        #expect(fields.count == 20_001)
        #expect(fields.first { $0.name.value == "F5" }?.value.literalText == "own")
        #expect(fields.first { $0.name.value == "Extra" }?.value.literalText == "default")
    }

    @Test func suggestionsAreNotLookedForInHugeWordsOrAmongThousandsOfCandidates() {
        let huge = String(repeating: "k", count: 1_000_000)
        #expect(Suggestion.nearest(to: huge, in: ["apiVersion", "kind"]) == nil)
        #expect(Suggestion.nearest(to: "kindd", in: ["apiVersion", "kind"]) == "kind")
        let many = (0..<5_000).map { "value\($0)" }
        #expect(Suggestion.nearest(to: "value1x", in: many) == nil)
    }

    @Test func emptyAndMergeKeysAreNamedForWhatTheyAre() {
        let text = ManifestTestSupport.manifest(job: "    <<: {x: 1}\n", header: "vars: {\"\": a}\n")
        let (_, diagnostics) = ManifestTestSupport.decode(text)
        #expect(ManifestTestSupport.rendered(diagnostics) == [
            "5:8: error: a key must not be empty",
            "10:5: error: merge keys (<<) are not supported; write the keys out, or use an anchor for the whole value",
        ])
    }
}
