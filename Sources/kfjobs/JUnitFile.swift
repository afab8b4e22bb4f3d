#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs

/// Writes a JUnit report for CI to pick up; a file that cannot be written is exit 3.
enum JUnitFile {
    static func write(_ report: JUnitReport, to path: String) throws {
        do {
            try Data(report.xml.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(message: "cannot write the JUnit report \(path): \(ErrorReason.of(error))", exitCode: 3)
        }
    }
}
