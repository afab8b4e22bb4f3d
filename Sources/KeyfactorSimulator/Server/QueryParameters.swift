/// A request's query parameters, with names compared case-insensitively and the v10-era `pq.`
/// prefix optional, so `pq.queryString` and `QueryString` are the same parameter.
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    /// The paging parameters, which a fleet's `parameterSpelling` may restrict to one spelling.
    static let pagingNames: Set<String> = ["querystring", "pagereturned", "returnlimit", "sortfield", "sortascending"]

    init(_ query: String?, spelling: SimulatorDialect.ParameterSpelling = .both) {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var name = Self.decode(pieces[0]).lowercased()
            let prefixed = name.hasPrefix("pq.")
            if prefixed { name.removeFirst(3) }
            // A server of the other generation does not bind this spelling: as if it were not sent.
            if Self.pagingNames.contains(name), spelling == (prefixed ? .plain : .prefixed) { continue }
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            // The first spelling wins, as ASP.NET's binder takes the first value it finds.
            if values[name] == nil { values[name] = value }
        }
    }

    subscript(name: String) -> String? { values[name.lowercased()] }

    /// Percent-decoding, with `+` as a space (form encoding, which ASP.NET also accepts in queries).
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hex(iterator[iterator.startIndex]), let low = hex(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator.removeFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
