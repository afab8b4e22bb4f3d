#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// A JUnit XML report (the common Jenkins and GitLab form): one test suite, one test case per
/// concrete job, failures carrying the server's message.
public struct JUnitReport: Sendable, Hashable {
    /// One test case: `classname` is `manifest/job`, `name` the job's key.
    public struct TestCase: Sendable, Hashable {
        public enum Verdict: Sendable, Hashable {
            case passed
            /// The job failed (or warned): `type` says how, `message` is the server's.
            case failure(type: String, message: String)
            /// Something went wrong other than the job's own result (unknown, rejected before running).
            case error(type: String, message: String)
            case skipped(message: String)
        }

        public var classname: String
        public var name: String
        public var verdict: Verdict
        /// Seconds, when known.
        public var time: Double?
        /// Extra lines shown with the case (state, JobId, orchestrator).
        public var output: String?

        public init(classname: String, name: String, verdict: Verdict, time: Double? = nil, output: String? = nil) {
            self.classname = classname
            self.name = name
            self.verdict = verdict
            self.time = time
            self.output = output
        }
    }

    public var suiteName: String
    public var timestamp: Date
    public var cases: [TestCase]

    public init(suiteName: String, timestamp: Date = Date(), cases: [TestCase]) {
        self.suiteName = suiteName
        self.timestamp = timestamp
        self.cases = cases
    }

    public var failures: Int { cases.filter { if case .failure = $0.verdict { true } else { false } }.count }
    public var errors: Int { cases.filter { if case .error = $0.verdict { true } else { false } }.count }
    public var skipped: Int { cases.filter { if case .skipped = $0.verdict { true } else { false } }.count }

    /// The report as an XML document.
    public var xml: String {
        let totalTime = cases.compactMap(\.time).reduce(0, +)
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(Self.seconds(totalTime))\""
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<testsuites name=\"kfjobs\" \(counts)>\n"
        text += "  <testsuite name=\"\(Self.escape(suiteName))\" \(counts) timestamp=\"\(Self.timestampFormat(timestamp))\" hostname=\"kfjobs\">\n"
        for testCase in cases {
            var attributes = "classname=\"\(Self.escape(testCase.classname))\" name=\"\(Self.escape(testCase.name))\""
            attributes += " time=\"\(Self.seconds(testCase.time ?? 0))\""
            var body = ""
            switch testCase.verdict {
            case .passed: break
            case .failure(let type, let message):
                body += "      <failure message=\"\(Self.escape(message))\" type=\"\(Self.escape(type))\">\(Self.escape(message))</failure>\n"
            case .error(let type, let message):
                body += "      <error message=\"\(Self.escape(message))\" type=\"\(Self.escape(type))\">\(Self.escape(message))</error>\n"
            case .skipped(let message):
                body += "      <skipped message=\"\(Self.escape(message))\"/>\n"
            }
            if let output = testCase.output {
                body += "      <system-out>\(Self.escape(output))</system-out>\n"
            }
            text += body.isEmpty
                ? "    <testcase \(attributes)/>\n"
                : "    <testcase \(attributes)>\n\(body)    </testcase>\n"
        }
        text += "  </testsuite>\n</testsuites>\n"
        return text
    }

    /// Text as XML character data or an attribute value: markup escaped, and characters XML 1.0
    /// cannot hold at all (most C0 controls) replaced, since a server message may contain anything.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case "\t": escaped += "&#9;"
            default:
                let value = scalar.value
                let allowed = (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000
                escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    private static func seconds(_ value: Double) -> String {
        NumberText.fixed(max(value, 0), fractionDigits: 3)
    }

    /// `2026-11-29T03:05:12` (xs:dateTime without a zone, as the JUnit schema wants), in UTC.
    private static func timestampFormat(_ date: Date) -> String {
        String(LedgerTime.format(date).prefix(19))
    }
}
