import Foundation
import TestSupport
import Testing
@testable import KFJobs

@Suite("JUnit reports", .serialized, .pythonCheckers)
struct JUnitReportTests {
    static let xsd = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/junit/junit.xsd")

    static let mixed: [JobStatus] = [
        JobStatus(job: tracked("1", machine: "eu-web-01"), state: .succeeded),
        JobStatus(job: tracked("2", machine: "us-app-02"), state: .failed, message: "disk full: no space left on /var/tmp & <more>"),
        JobStatus(job: tracked("3"), state: .warning, message: "2 \"stores\" skipped\nsee log"),
        JobStatus(job: tracked("4"), state: .unknown, message: "not found"),
        JobStatus(job: tracked("5"), state: .inProcess),
        JobStatus(job: tracked("6"), state: .scheduled, recurring: true),
        JobStatus(job: tracked("7", key: "m/j[site=eu]@7"), state: .failed, message: "control \u{01} character"),
    ]

    @Test func aStatusReportValidatesAgainstTheJUnitSchema() throws {
        let report = JUnitReport.status(Self.mixed)
        #expect(try Self.validate(report.xml) == "valid")
    }

    @Test func aBrokenReportDoesNotValidate() throws {
        // The schema is strict enough to catch something: a test case without its classname.
        let broken = JUnitReport.status(Self.mixed).xml.replacingOccurrences(of: "classname=", with: "klass=")
        #expect(try Self.validate(broken) != "valid")
    }

    @Test func countsAndMessagesAreThere() throws {
        let report = JUnitReport.status(Self.mixed)
        #expect((report.failures, report.errors, report.skipped) == (3, 1, 1))
        let xml = report.xml
        #expect(xml.contains("tests=\"7\" failures=\"3\" errors=\"1\" skipped=\"1\""))
        #expect(xml.contains("<testcase classname=\"m/j\" name=\"m/j@2\""))
        #expect(xml.contains("<failure message=\"disk full: no space left on /var/tmp &amp; &lt;more&gt;\" type=\"failed\">"))
        #expect(xml.contains("2 &quot;stores&quot; skipped&#10;see log"))
        #expect(xml.contains("control \u{FFFD} character"))
        #expect(xml.contains("name=\"m/j[site=eu]@7\""))
    }

    /// "valid", or the validator's complaint, from python's xmlschema.
    static func validate(_ xml: String) throws -> String {
        let script = """
        import sys, xmlschema
        schema = xmlschema.XMLSchema(sys.argv[1])
        try:
            schema.validate(sys.stdin.read())
            print("valid")
        except Exception as error:
            print("invalid: " + str(error).splitlines()[0])
        """
        return try PythonCheck.run(script, arguments: [xsd.path], input: xml)
    }
}
