#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How the commands' `--output json` documents are written: pretty, sorted keys, slashes not escaped.
public enum PrettyJSON {
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
