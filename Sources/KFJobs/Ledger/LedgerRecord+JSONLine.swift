extension LedgerRecord {
    /// The record as one line of JSON (without the newline): keys sorted, absent members left out,
    /// byte for byte what `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes.
    ///
    /// Written by hand because every job costs two records and `JSONEncoder` was a tenth of the
    /// client's CPU per job; a test holds the two to the same bytes.
    func jsonLine() -> [UInt8] {
        var line = JSONLine()
        line.reserve(512)
        line.begin()
        // Members in the byte order of their keys, as `.sortedKeys` sorts them.
        line.member("agentId", agentId)
        line.member("arguments", arguments)
        line.member("at", at)
        line.member("attempts", attempts)
        line.member("ci", ci)
        line.member("clientMachine", clientMachine)
        line.member("durationMs", durationMs)
        if let error {
            line.key("error")
            line.begin()
            line.member("code", error.code)
            line.member("message", error.message)
            line.end()
        }
        line.member("fingerprint", fingerprint)
        line.member("host", host)
        line.member("httpStatus", httpStatus)
        if let inputs {
            line.key("inputs")
            line.beginArray()
            for input in inputs {
                line.element()
                line.begin()
                line.member("path", input.path)
                line.member("sha256", input.sha256)
                line.end()
            }
            line.endArray()
        }
        line.member("job", job)
        line.member("jobId", jobId)
        line.member("jobTypeName", jobTypeName)
        line.member("key", key)
        line.member("manifest", manifest)
        line.member("orchestratorId", orchestratorId)
        line.member("outcome", outcome?.rawValue)
        line.member("reconciled", reconciled)
        line.member("requestTimestamp", requestTimestamp)
        line.member("run", run)
        line.member("server", server)
        line.member("type", type.rawValue)
        line.member("user", user)
        line.member("v", v)
        line.member("version", version)
        line.end()
        return line.bytes
    }
}

/// A minimal JSON writer for flat objects of strings, integers and booleans.
struct JSONLine {
    private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written already has a member (so the next needs a comma).
    private var needsComma: [Bool] = []

    mutating func reserve(_ capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func begin() {
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    mutating func end() {
        bytes.append(UInt8(ascii: "}"))
        needsComma.removeLast()
    }

    mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma.removeLast()
    }

    /// Starts the next element of an array.
    mutating func element() {
        separate()
    }

    mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func member(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func member(_ name: String, _ value: [String]?) {
        guard let value else { return }
        key(name)
        beginArray()
        for text in value {
            element()
            string(text)
        }
        endArray()
    }

    mutating func member(_ name: String, _ value: [String: String]?) {
        guard let value else { return }
        key(name)
        begin()
        // `.sortedKeys` orders by the keys' bytes.
        for (name, text) in value.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            member(name, text)
        }
        end()
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped as `JSONEncoder` does;
    /// everything else, `/` and non-ASCII included, as its UTF-8 bytes.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
