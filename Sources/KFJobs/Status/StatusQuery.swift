#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// JobIds OR-ed into query strings, each short enough for a server behind IIS.
///
/// IIS refuses query strings over 2,048 bytes by default, so each batch's QueryString, as it goes on
/// the wire (percent-encoded), stays under `maxBytes` with room left for the paging parameters.
public enum StatusQuery {
    /// The default budget for the encoded `QueryString` value.
    public static let defaultMaxBytes = 1_900

    /// `FIELD -eq "ID" OR FIELD -eq "ID" ...` over `ids`, cut into as few queries as fit `maxBytes`
    /// (encoded); ids keep their order.
    public static func batches(field: String, ids: [String], maxBytes: Int = defaultMaxBytes) -> [String] {
        var queries: [String] = []
        var current = ""
        var currentBytes = 0
        let separator = " OR "
        let separatorBytes = encodedLength(separator)
        for id in ids {
            let term = "\(field) -eq \"\(id)\""
            let termBytes = encodedLength(term)
            if !current.isEmpty, currentBytes + separatorBytes + termBytes > maxBytes {
                queries.append(current)
                current = ""
                currentBytes = 0
            }
            if current.isEmpty {
                current = term
                currentBytes = termBytes
            } else {
                current += separator + term
                currentBytes += separatorBytes + termBytes
            }
        }
        if !current.isEmpty { queries.append(current) }
        return queries
    }


    /// The length of `text` percent-encoded as a query parameter value.
    public static func encodedLength(_ text: String) -> Int {
        text.percentEncoded(keeping: \.isURLUnreserved).utf8.count
    }
}
