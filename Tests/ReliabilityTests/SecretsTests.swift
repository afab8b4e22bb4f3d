import BinaryTestSupport
import Foundation
import KeyfactorSimulator
import Testing

extension Reliability {
    /// With trace logging on (every request and its headers on stderr), no password, client secret,
    /// access token or secret field value appears in anything kfjobs prints or writes: stdout and
    /// stderr of plan, apply, status, ledger and unschedule, of runs the server refuses, the ledger, its
    /// lock file, the saved plan, the JUnit reports and the fetched logs — every file in the run's
    /// folder, which is also its working directory and HOME.
    ///
    /// Each secret is looked for as written and in the encodings it travels in (base64 in a Basic
    /// header, percent-encoded in a token request's form or a URL, escaped in JSON), and by a
    /// distinctive prefix, so that a half-redacted value is caught too. The tokens are the ones the
    /// simulator actually issued. The credential tests of EndToEndTests cover the messages of
    /// refused credentials; this covers every command and every file.
    @Suite("reliability: no secret in any output, with trace logging (binary)", .serialized)
    struct SecretsTests {
        // Characters that base64, percent-encoding and JSON escaping each change.
        static let password = "hunter2+Zq/9=&x ü"
        static let clientSecret = "cs_7f+Q/w==&k%p é"
        /// A field value from `${env.*}`: sent to the server, shown nowhere.
        static let secretTarget = "tgt-6Hq+9/zW=&Lm"
        static let username = "svc-kfjobs"
        static let domain = "CORP"
        static let clientId = "kfjobs-ci"

        enum Auth: String, CaseIterable, Sendable {
            case basic, oauth
        }

        static let manifest = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: secrets
            jobs:
              - name: logs
                jobType: FetchLogs
                agents: {query: 'Status -eq 2 AND ClientMachine -startswith "eu-"'}
              - name: refresh
                jobType: RefreshInventory
                agents: {query: 'Status -eq 2 AND ClientMachine -startswith "eu-web-"'}
                fields:
                  Target: "${env.SECRET_TARGET}"
              - name: purge
                jobType: PurgeTempFiles
                agents: {query: 'Status -eq 2 AND ClientMachine -startswith "eu-"'}
                schedule: {interval: 6h}
                fields:
                  OlderThanDays: 7

            """

        /// FetchLogs on two orchestrators, for bulk requests in two waves (the long form).
        static let bulkManifest = """
            apiVersion: kfjobs/v1
            kind: JobManifest
            metadata:
              name: bulk-logs
            jobs:
              - name: logs
                jobType: FetchLogs
                agents: {query: 'Status -eq 2 AND ClientMachine -startswith "eu-db-"'}

            """

        @Test(arguments: Auth.allCases)
        func noSecretReachesAnyOutputOrFile(auth: Auth) async throws {
            let began = Date()
            let fleetAuth = switch auth {
            case .basic: "auth:\n  basic: {username: \(Self.username), password: \"\(Self.password)\", domain: \(Self.domain)}\n"
            case .oauth: "auth:\n  oauth: {clientId: \(Self.clientId), clientSecret: \"\(Self.clientSecret)\"}\n"
            }
            let harness = try await SimulatorHarness.start(extraYAML: fleetAuth)
            var session = Session(harness: harness)
            try Self.manifest.write(toFile: harness.path("secrets.yaml"), atomically: true, encoding: .utf8)

            var good = ["KFJOBS_LOG_LEVEL": "trace", "HOME": harness.directory.path, "SECRET_TARGET": Self.secretTarget]
            var refused = good
            switch auth {
            case .basic:
                good.merge(["KEYFACTOR_USERNAME": Self.username, "KEYFACTOR_PASSWORD": Self.password, "KEYFACTOR_DOMAIN": Self.domain]) { $1 }
                refused.merge(["KEYFACTOR_USERNAME": Self.username, "KEYFACTOR_PASSWORD": Self.password + "-wrong", "KEYFACTOR_DOMAIN": Self.domain]) { $1 }
            case .oauth:
                let tokenURL = harness.simulator.rootURL + "/oauth2/token"
                good.merge(["KEYFACTOR_AUTH_CLIENT_ID": Self.clientId, "KEYFACTOR_AUTH_CLIENT_SECRET": Self.clientSecret, "KEYFACTOR_AUTH_TOKEN_URL": tokenURL]) { $1 }
                refused.merge(["KEYFACTOR_AUTH_CLIENT_ID": Self.clientId, "KEYFACTOR_AUTH_CLIENT_SECRET": Self.clientSecret + "-wrong", "KEYFACTOR_AUTH_TOKEN_URL": tokenURL]) { $1 }
            }
            let manifest = ["secrets.yaml", "--allow-env", "SECRET_TARGET"]

            // Every command, succeeding.
            try await session.expect(0, ["plan"] + manifest + ["--out", "plan.json"], good)
            try await session.expect(0, ["plan"] + manifest + ["--output", "json"], good)
            try await session.expect(0, ["apply"] + manifest + ["--junit", "apply.xml"], good)
            try await session.expect(0, ["apply"] + manifest + ["--output", "json"], good)
            try await session.expect(0, ["status", "--wait", "--wait-timeout", "60s", "--junit", "status.xml", "--fetch-logs", "logs"], good)
            try await session.expect(0, ["status", "--output", "json"], good)
            for format in ["text", "json", "csv"] {
                try await session.expect(0, ["ledger", "--output", format], good)
            }
            if ReliabilityForm.current == .long {
                // The long form adds the other ways apply sends: a reviewed plan, bulk requests, waves.
                try Self.bulkManifest.write(toFile: harness.path("bulk.yaml"), atomically: true, encoding: .utf8)
                try await session.expect(0, ["plan", "bulk.yaml", "--out", "bulk-plan.json"], good)
                try await session.expect(
                    0, ["apply", "bulk.yaml", "--plan", "bulk-plan.json", "--bulk", "--wave", "50%", "--junit", "wave.xml"], good)
            }
            let runId = try Self.runId(harness.ledger)
            try await session.expect(0, ["unschedule", "--run", runId, "--dry-run"], good)
            try await session.expect(0, ["unschedule", "--run", runId, "--output", "json"], good)

            // And refused: a wrong password or client secret stops each command with exit 3.
            try await session.expect(3, ["plan"] + manifest, refused)
            try await session.expect(3, ["apply"] + manifest + ["--junit", "refused.xml"], refused)
            try await session.expect(3, ["status"], refused)
            if auth == .basic {
                // Credentials written into the server URL are refused, and not echoed.
                let userInfo = "\(Self.username):\(Self.formEncoded(Self.password, spaceAsPlus: false))@"
                let address = harness.simulator.baseURL.replacingOccurrences(of: "http://", with: "")
                try await session.expect(64, ["plan"] + manifest, good, url: "http://" + userInfo + address)
                try await session.expect(64, ["plan"] + manifest, good, url: "ftp://" + userInfo + address)
            }
            if auth == .oauth {
                // A token URL carrying the client's credentials, unreachable: the message names the URL.
                var unreachable = good
                let userInfo = "\(Self.clientId):\(Self.formEncoded(Self.clientSecret, spaceAsPlus: false))@"
                unreachable["KEYFACTOR_AUTH_TOKEN_URL"] = "http://\(userInfo)127.0.0.1:1/oauth2/token"
                try await session.expect(3, ["plan"] + manifest, unreachable)
                // A ready token the server does not know (client credentials would win over it).
                var badToken = good
                badToken["KEYFACTOR_AUTH_CLIENT_ID"] = nil
                badToken["KEYFACTOR_AUTH_CLIENT_SECRET"] = nil
                badToken["KEYFACTOR_AUTH_TOKEN_URL"] = nil
                badToken["KEYFACTOR_AUTH_ACCESS_TOKEN"] = Self.forgedToken
                try await session.expect(3, ["apply"] + manifest, badToken)
            }

            // The value was sent (so its absence from the outputs means something) ...
            let sentTargets = try await harness.jobs().compactMap { job in
                (job["JobFields"] as? [[String: Any]])?.first { $0["JobTypeField"] as? String == "Target" }?["Value"] as? String
            }
            #expect(!sentTargets.isEmpty && sentTargets.allSatisfy { $0 == Self.secretTarget })
            // ... the headers were logged, and redacted ...
            let stderr = session.outputs.filter { $0.name.hasSuffix("stderr") }.map(\.text).joined()
            let scheme = auth == .basic ? "Basic" : "Bearer"
            #expect(stderr.contains("keyfactor request headers"), "trace logging is on")
            #expect(stderr.contains("\(scheme) ***"), "the \(scheme) authorisation was logged redacted")
            // ... and the files a run writes are among what is searched.
            let files = try Self.filesWritten(in: harness.directory)
            for name in ["kfjobs-ledger.jsonl", "kfjobs-ledger.jsonl.lock", "plan.json", "apply.xml", "status.xml"] {
                #expect(files.contains { $0.name == name }, "\(name) was written")
            }
            #expect(files.contains { $0.name.hasPrefix("logs/") }, "logs were fetched")

            let tokens = harness.simulator.issuedTokens
            if auth == .oauth {
                // One token per command that connected with the client's credentials, at least.
                #expect(tokens.count >= 8, "the simulator issued \(tokens.count) tokens")
            }
            let needles = Self.needles(auth: auth, tokens: tokens)
            let haystacks = session.outputs + files
            var leaks: [String] = []
            for haystack in haystacks {
                for needle in needles where haystack.text.contains(needle.text) {
                    leaks.append("\(needle.name) in \(haystack.name)")
                }
            }
            #expect(leaks.isEmpty, "secrets leaked: \(leaks.prefix(10))")
            report(
                "secrets (\(auth.rawValue)): \(session.commands) commands, \(haystacks.count) outputs and files "
                    + "(\(haystacks.map(\.text.utf8.count).reduce(0, +)) bytes) searched for \(needles.count) needles "
                    + "(\(tokens.count) issued tokens): \(leaks.count) leaks, \(String(format: "%.1f", Date().timeIntervalSince(began))) s")
        }

        /// What to look for: each secret as written, in its encodings, and by its first characters.
        static func needles(auth: Auth, tokens: [String]) -> [Needle] {
            var needles: [Needle] = []
            func add(_ name: String, _ secret: String, prefix: Int = 8) {
                needles.append(Needle(name: name, text: secret))
                needles.append(Needle(name: "\(name) (first \(prefix) characters)", text: String(secret.prefix(prefix))))
                needles.append(Needle(name: "\(name) (JSON-escaped)", text: jsonEscaped(secret)))
                needles.append(Needle(name: "\(name) (percent-encoded)", text: formEncoded(secret, spaceAsPlus: false)))
                needles.append(Needle(name: "\(name) (form-encoded)", text: formEncoded(secret, spaceAsPlus: true)))
            }
            add("the env secret field", secretTarget)
            add("the forged token", forgedToken)
            switch auth {
            case .basic:
                add("the password", password)
                for user in ["\(domain)\\\(username)", username, "\(username)@\(domain)"] {
                    needles.append(Needle(name: "the Basic credentials of \(user)", text: Data("\(user):\(password)".utf8).base64EncodedString()))
                }
            case .oauth:
                add("the client secret", clientSecret)
                needles.append(Needle(name: "the client's Basic credentials", text: Data("\(clientId):\(clientSecret)".utf8).base64EncodedString()))
                let formCredentials = "\(formEncoded(clientId, spaceAsPlus: true)):\(formEncoded(clientSecret, spaceAsPlus: true))"
                needles.append(Needle(name: "the client's form-encoded Basic credentials", text: Data(formCredentials.utf8).base64EncodedString()))
                // 16 hex digits: 8 could match a JobId's first group by chance.
                for (index, token) in tokens.enumerated() { add("issued token \(index + 1)", token, prefix: 16) }
            }
            // Distinct needles only, and none so short that it would match ordinary text.
            var seen = Set<String>()
            return needles.filter { $0.text.count >= 8 && seen.insert($0.text).inserted }
        }

        static let forgedToken = "forged0a1b2c3d4e5f60718293a4b5c6d7e8f"

        struct Needle {
            var name: String
            var text: String
        }

        static func jsonEscaped(_ text: String) -> String {
            let encoder = JSONEncoder()
            guard let data = try? encoder.encode(text) else { return text }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }

        static func formEncoded(_ text: String, spaceAsPlus: Bool) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
            return spaceAsPlus ? encoded.replacingOccurrences(of: "%20", with: "+") : encoded
        }

        /// The run id of the ledger's first `run` record.
        static func runId(_ ledger: String) throws -> String {
            let text = try String(contentsOfFile: ledger, encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      record["type"] as? String == "run", let run = record["run"] as? String else { continue }
                return run
            }
            throw HarnessError(message: "no run record in the ledger")
        }

        /// Every regular file under `directory`, named by its relative path, as text (bytes that are
        /// not UTF-8 are replaced, which cannot hide an ASCII or UTF-8 needle).
        static func filesWritten(in directory: URL) throws -> [Session.Output] {
            let root = directory.resolvingSymlinksInPath().path
            guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
            var files: [Session.Output] = []
            for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                let path = url.resolvingSymlinksInPath().path
                let name = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
                files.append(Session.Output(name: name, text: String(decoding: try Data(contentsOf: url), as: UTF8.self)))
            }
            return files
        }

        /// Runs kfjobs commands in the harness's folder and keeps everything they printed.
        struct Session {
            struct Output {
                var name: String
                var text: String
            }

            let harness: SimulatorHarness
            private(set) var outputs: [Output] = []
            private(set) var commands = 0

            /// Runs `kfjobs ARGUMENTS` with the harness's ledger (and server, for all but `ledger`) and
            /// `environment`, in the harness's folder; expects exit `status`.
            mutating func expect(
                _ status: Int32, _ arguments: [String], _ environment: [String: String], url: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation
            ) async throws {
                let server = arguments.first == "ledger" ? [] : ["--url", url ?? harness.simulator.baseURL]
                let full = arguments + server + ["--ledger", harness.ledger]
                let result = try await KFJobsProcess.runOffPool(full, environment: environment, in: harness.directory)
                commands += 1
                let name = arguments.prefix(3).joined(separator: " ")
                outputs.append(Output(name: "\(name): stdout", text: result.stdout))
                outputs.append(Output(name: "\(name): stderr", text: result.stderr))
                #expect(result.status == status, "kfjobs \(name) exited \(result.status): \(result.stderr.suffix(1_500))", sourceLocation: sourceLocation)
            }
        }
    }
}
