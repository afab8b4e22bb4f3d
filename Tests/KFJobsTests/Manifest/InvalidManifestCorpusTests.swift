import Foundation
import KFJobs
import Testing

@Suite("Invalid manifest corpus")
struct InvalidManifestCorpusTests {
    static let folder = ManifestTestSupport.repositoryRoot.appendingPathComponent("Tests/KFJobsTests/Fixtures/manifests/invalid")

    /// Each invalid manifest and the one error it must produce, as `LINE:COL: message`. The same files
    /// fail the JSON Schema too, except those listed in `decoder-only.txt` (checked by .ci/check-schemas.py).
    static let cases: [(file: String, error: String)] = [
        ("bad-agent-id.yaml", "8:20: 'not-a-guid' is not an agent id (a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6)"),
        ("bad-job-name.yaml", "6:11: invalid name 'one-': use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"),
        ("bad-manifest-name.yaml", "4:9: invalid name 'Inventory_Refresh': use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"),
        ("daily-hour-25.yaml", "9:28: time '25:00' is out of range: hours go from 00 to 23, minutes from 00 to 59"),
        ("duplicate-job-name.yaml", "9:11: duplicate job name 'one'"),
        ("duplicate-manifest-name.yaml", "13:9: duplicate manifest name 'broken'; manifest names must be unique across all inputs"),
        ("empty-job-type.yaml", "7:14: jobType must not be empty"),
        ("empty-query.yaml", "8:21: query must not be empty"),
        ("exclude-unknown-key.yaml", "12:10: exclude names 'region', which is not a matrix key"),
        ("exclude-without-matrix.yaml", "10:7: exclude needs a matrix"),
        ("expect-min-above-max.yaml", "8:45: expect.min (5) is greater than expect.max (2)"),
        ("expect-negative.yaml", "8:51: expect.min must be a whole number of at least 0, not '-1'"),
        ("field-list.yaml", "10:14: field 'Depth' must be a scalar, not a list"),
        ("field-null.yaml", "10:13: field 'Depth' is null; omit it to take the server's default"),
        ("immediate-false.yaml", "9:27: immediate must be true, not 'false'; leave it out or write another schedule"),
        ("interval-compound.yaml", "9:26: interval '1h30m' must be one number and one unit (m, h or d); write 90m"),
        ("interval-no-unit.yaml", "9:26: interval '90' needs a unit: m, h or d (e.g. 90m)"),
        ("interval-zero.yaml", "9:26: interval must be at least 1m, not '0m'"),
        ("jobs-empty.yaml", "5:7: jobs is an empty list; give at least one item"),
        ("jobs-not-a-list.yaml", "6:3: jobs must be a list, not a mapping"),
        ("last-seen-compound.yaml", "8:53: lastSeenWithin '1h30m' must be one number and one unit (m, h or d); write 90m"),
        ("manifest-is-a-list.yaml", "1:1: a manifest must be a mapping, not a list"),
        ("matrix-empty-list.yaml", "10:13: matrix.site is an empty list; give at least one item"),
        ("missing-agents.yaml", "6:5: missing required key 'agents' in a job"),
        ("missing-api-version.yaml", "1:1: missing required key 'apiVersion' in the manifest"),
        ("monthly-crosses-midnight.yaml", "9:38: monthly time 00:30+02:00 falls on another day in UTC (22:30Z); write the time in UTC and adjust the day"),
        ("monthly-day-32.yaml", "9:31: day must be a number from 1 to 31, not '32'"),
        ("no-manifest.yaml", "1:1: no manifest in no-manifest.yaml"),
        ("once-in-the-past.yaml", "9:22: once time '2020-01-01T00:00:00Z' is in the past (now is 2026-11-29T10:15:00Z)"),
        ("once-without-zone.yaml", "9:22: time '2030-12-01T02:30:00' has no zone; add Z (UTC) or an offset such as +02:00"),
        ("schedule-two-forms.yaml", "9:38: schedule has both daily and interval; give exactly one"),
        ("schedule-unknown-form.yaml", "9:16: unknown schedule form 'dayly'; did you mean 'daily'?"),
        ("schedule-unknown-word.yaml", "9:15: unknown schedule 'now'; write immediate or a mapping with one of interval, daily, weekly, monthly, once"),
        ("selector-none.yaml", "8:13: agents needs exactly one of query, ids or clientMachines"),
        ("selector-two-forms.yaml", "10:7: agents has both query and ids; give exactly one"),
        ("sensitive-not-a-list.yaml", "9:16: sensitive must be a list, not a scalar"),
        ("template-agent-in-selector.yaml", "8:21: '${agent.ClientMachine}' cannot be used in an agent selector: the agents are not known until it is resolved"),
        ("template-env-not-allowed.yaml", "10:17: '${env.REFRESH_TOKEN}' is not allowed; pass --allow-env REFRESH_TOKEN to use it"),
        ("template-unknown-matrix-key.yaml", "12:15: unknown template variable '${matrix.region}'"),
        ("template-unknown-namespace.yaml", "10:15: unknown template variable '${agnt.ClientMachine}'; variables are agent.*, matrix.*, vars.*, manifest.name, job.name and env.*; did you mean 'agent'?"),
        ("template-unterminated.yaml", "12:15: unterminated '${' in '${vars.ticket'; write $${ for a literal ${"),
        ("unknown-job-key.yaml", "9:5: unknown key 'shedule' in a job; did you mean 'schedule'?"),
        ("unknown-metadata-key.yaml", "5:3: unknown key 'descripton' in metadata; did you mean 'description'?"),
        ("vars-bad-name.yaml", "6:3: invalid variable name 'my var': use letters, digits, '_' and '-', starting with a letter or '_'"),
        ("weekly-bad-day.yaml", "9:37: unknown weekday 'fry'; use mon, tue, wed, thu, fri, sat or sun; did you mean 'fri'?"),
        ("weekly-repeated-day.yaml", "9:37: weekday 'mon' is listed twice"),
        ("wrong-api-version.yaml", "1:13: apiVersion must be kfjobs/v1, not 'kfjobs/v2'"),
        ("wrong-kind.yaml", "2:7: kind must be JobManifest, not 'JobManifests'; did you mean 'JobManifest'?"),
    ]

    @Test("each invalid manifest fails with exactly its one error, at its place", arguments: cases)
    func invalidManifest(file: String, error: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let result = ManifestTestSupport.decode([(file: file, text: text)])
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(ManifestTestSupport.rendered(errors) == ["\(error.prefix { $0 != " " }) error: \(error.drop { $0 != " " }.dropFirst())"])
        #expect(errors.allSatisfy { $0.location?.file == file })
    }

    @Test("the table covers every file of the corpus, and the corpus is large enough")
    func tableCoversCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(Self.cases.map(\.file) == files)
        let decoderOnly = try String(contentsOf: Self.folder.appendingPathComponent("decoder-only.txt"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(decoderOnly.allSatisfy(files.contains))
        #expect(files.count - decoderOnly.count >= 30)
    }
}
