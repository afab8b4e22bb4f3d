import BinaryTestSupport
import Foundation
import Testing

extension BinaryTests {
    /// The hostile-input corpus (Tests/HostileInputs): each manifest through `kfjobs validate`, each fleet
    /// through `kfjobs simulator --fleet` and `kfjobs plan --fleet`. Every one must be refused with exit
    /// 1 and the located errors its `.expected` file lists, without a crash or a hang, within its CPU
    /// time and peak-memory ceilings (taken from `wait4`, so a busy machine does not make them flake).
    @Suite("Hostile inputs (binary)", .serialized)
    struct HostileInputTests {
        @Test(arguments: HostileCase.all)
        func refusedWithALocatedErrorWithinItsCeilings(_ hostile: HostileCase) async throws {
            let input = try await hostile.inputPath()
            let expectation = try hostile.expectation()
            let commands: [[String]] = switch hostile.kind {
            case .manifest: [["validate"] + expectation.arguments + [input]]
            case .fleet: [
                ["simulator", "--port", "0", "--fleet", input],
                ["plan", KFJobsProcess.packageRoot.appendingPathComponent("examples/fetch-logs.yaml").path, "--fleet", input],
            ]
            }
            for command in commands {
                let run = try await MeasuredRun.start(command)
                let what = "kfjobs \(command.first ?? "") on \(hostile)"
                #expect(run.signal == nil, "\(what) was killed by signal \(run.signal ?? 0)\n\(run.stderr)")
                #expect(!run.timedOut, "\(what) did not end within \(MeasuredRun.wallTimeout) s")
                #expect(run.exitCode == 1, "\(what) exited \(run.exitCode.map(String.init) ?? "-")\n\(run.stderr)")
                #expect(run.stdout.isEmpty, "\(what) printed a result: \(run.stdout.prefix(300))")
                for fragment in expectation.fragments {
                    let expected = fragment.replacingOccurrences(of: "{path}", with: input)
                    #expect(run.stderr.contains(expected), "\(what): no \"\(expected)\" in:\n\(run.stderr.prefix(2000))")
                }
                #expect(run.cpuSeconds <= expectation.cpuSeconds, "\(what) took \(run.cpuSeconds) s of CPU")
                #expect(run.peakMegabytes <= expectation.peakMegabytes, "\(what) peaked at \(run.peakMegabytes) MB")
            }
        }

        /// Reading without waiting for a FIFO's writer must not cost what a FIFO is for: a process
        /// substitution (a pipe with a writer) is read to its end.
        @Test func aProcessSubstitutionIsRead() async throws {
            let manifest = KFJobsProcess.packageRoot.appendingPathComponent("examples/fetch-logs.yaml").path
            let result = try await MeasuredRun.run(
                "/bin/bash", ["-c", "exec \"$0\" validate <(cat \"$1\")", KFJobsProcess.binary.path, manifest])
            #expect(result.exitCode == 0, "\(result.output)")
            #expect(result.output == "1 manifest in 1 file: valid")
        }

        /// Every expectation names the input; generated expectations match what the generator writes.
        @Test func theCorpusIsConsistent() async throws {
            #expect(HostileCase.all.filter { $0.kind == .manifest }.count >= 45)
            #expect(HostileCase.all.filter { $0.kind == .fleet }.count >= 20)
            for hostile in HostileCase.all {
                #expect(try hostile.expectation().fragments.contains { $0.contains("{path}") }, "\(hostile) names no file")
            }
            let generated = try await GeneratedCorpus.shared.directory()
            for kind in HostileCase.Kind.allCases {
                let written = try FileManager.default.contentsOfDirectory(atPath: generated.appendingPathComponent(kind.folder).path).sorted()
                let expected = HostileCase.all.filter { $0.generated && $0.kind == kind }.map(\.name).sorted()
                #expect(written == expected)
            }
        }
    }
}
