import BinaryTestSupport
import Foundation
import KFJobs
import Testing

extension BinaryTests {
    /// Recurring jobs never pile up: identical ones are adopted (also when the ledger was lost), changed
    /// ones replaced, ones no manifest defines any more pruned — checked on the server.
    @Suite("kfjobs apply: recurring jobs (binary)", .serialized)
    struct RecurringJobsTests {
        static func manifest(job: String = "purge", days: String = "7", weekly: Bool = false) -> String {
            var text = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata: {name: housekeeping}
            jobs:
              - name: \(job)
                jobType: PurgeTempFiles
                agents: {query: 'ClientMachine -startswith "eu-web-"'}
                schedule: {daily: {at: "02:30"}}
                fields: {OlderThanDays: \(days)}

            """
            if weekly {
                text += """
                  - name: weekly
                    jobType: PurgeTempFiles
                    agents: {query: 'ClientMachine -startswith "eu-web-"'}
                    schedule: {weekly: {days: [sat], at: "04:00"}}
                    fields: {OlderThanDays: 30}

                """
            }
            return text
        }

        private func write(_ text: String, in harness: SimulatorHarness) throws -> String {
            let path = harness.directory.appendingPathComponent("housekeeping.yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        private func states(_ harness: SimulatorHarness) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for job in try await harness.jobs() { counts[job["State"] as? String ?? "?", default: 0] += 1 }
            return counts
        }

        @Test func identicalJobsAreAdoptedChangedOnesReplacedAndRemovedOnesPruned() async throws {
            let harness = try await SimulatorHarness.start()
            let path = try write(Self.manifest(), in: harness)

            let first = try await harness.run(["apply", path])
            #expect(first.status == 0, "\(first.stderr)")
            let created = try await harness.jobs().count
            #expect(created >= 3)
            #expect(try await states(harness) == ["scheduled": created])

            // A lost ledger does not double every schedule: the same jobs are found and adopted.
            try FileManager.default.removeItem(atPath: harness.ledger)
            let plan = try await harness.run(["plan", path])
            #expect(plan.stdout.contains("\(created) to adopt"), "\(plan.stdout)")
            let adopted = try await harness.run(["apply", path])
            #expect(adopted.status == 0)
            #expect(adopted.stdout.contains("\(created) adopted"))
            #expect(try await harness.jobs().count == created)

            // A changed definition replaces each job: the old one unscheduled, a new one scheduled.
            _ = try write(Self.manifest(days: "8"), in: harness)
            let replaced = try await harness.run(["apply", path])
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(replaced.stdout.contains("\(created) replaced"))
            #expect(try await states(harness) == ["scheduled": created, "unscheduled": created])

            // A job renamed, its definition unchanged, keeps its jobs: they are adopted under the new name.
            _ = try write(Self.manifest(job: "purge-renamed", days: "8", weekly: true), in: harness)
            let renamed = try await harness.run(["apply", path, "--prune"])
            #expect(renamed.status == 0, "\(renamed.stderr)")
            #expect(renamed.stdout.contains("\(created) submitted, \(created) adopted"), "\(renamed.stdout)")
            #expect(try await states(harness) == ["scheduled": 2 * created, "unscheduled": created])

            // A job no manifest defines any more is unscheduled with --prune, and only with it.
            _ = try write(Self.manifest(job: "purge-renamed", days: "8"), in: harness)
            let withoutPrune = try await harness.run(["plan", path])
            #expect(!withoutPrune.stdout.contains("to unschedule"))
            let pruned = try await harness.run(["apply", path, "--prune"])
            #expect(pruned.status == 0, "\(pruned.stderr)")
            #expect(pruned.stdout.contains("\(created) unscheduled"), "\(pruned.stdout)")
            #expect(try await states(harness) == ["scheduled": created, "unscheduled": 2 * created])

            let again = try await harness.run(["apply", path, "--prune"])
            #expect(again.stdout.contains("\(created) already in the ledger"))
            #expect(try await harness.jobs().count == 3 * created)
        }
    }
}
