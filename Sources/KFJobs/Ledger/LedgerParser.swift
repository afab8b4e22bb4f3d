import Foundation

/// Reads ledger bytes into records: a torn last line (no newline at the end) is set aside, and any
/// other line that does not decode is corruption, reported with its line number.
enum LedgerParser {
    struct Parsed {
        var records: [LedgerRecord]
        /// The length of the file up to and including its last newline.
        var validLength: Int
        var tornLine: String?
    }

    static func parse(_ bytes: [UInt8], path: String) throws(LedgerError) -> Parsed {
        var records: [LedgerRecord] = []
        var lineStart = 0
        var lineNumber = 0
        let decoder = JSONDecoder()
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lineNumber += 1
            let line = bytes[lineStart..<index]
            lineStart = index + 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            do {
                let record = try decoder.decode(LedgerRecord.self, from: Data(line))
                guard record.v == 1 else {
                    throw LedgerError.corrupt(path: path, line: lineNumber, reason: "record version \(record.v) is not 1; a newer kfjobs wrote it")
                }
                records.append(record)
            } catch let error as LedgerError {
                throw error
            } catch {
                throw .corrupt(path: path, line: lineNumber, reason: "not a ledger record: \(Self.reason(error))")
            }
        }
        let torn = lineStart < bytes.count ? String(decoding: bytes[lineStart...], as: UTF8.self) : nil
        return Parsed(records: records, validLength: lineStart, tornLine: torn)
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "bad \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "invalid JSON" : "bad \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
        default: "invalid JSON"
        }
    }
}

/// The ledger's JSON: sorted keys (stable lines), slashes not escaped, no white space.
enum LedgerCoding {
    static func encode(_ record: LedgerRecord) -> [UInt8] {
        record.jsonLine()
    }
}

/// Reads a ledger without locking it, for commands that only look (plan, status, ledger).
public enum LedgerReader {
    /// The records of the ledger at `path` (none if it does not exist); a torn last line is ignored.
    public static func read(path: String) throws(LedgerError) -> [LedgerRecord] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, operation: "read", errno: EACCES)
        }
        return try LedgerParser.parse([UInt8](data), path: path).records
    }
}
