/// The messages of the YAML layer, each written once.
extension String {
    static func inputTooLarge(bytes: Int, limit: Int) -> String {
        "input is \(megabytes(bytes)), over the limit of \(megabytes(limit)); raise it with --max-input-size if this file is meant to be this large"
    }

    /// For an input read as a stream (a FIFO, a device), whose size is only known to exceed the limit.
    static func inputOverLimit(limit: Int) -> String {
        "input is over the limit of \(megabytes(limit)); raise it with --max-input-size if this file is meant to be this large"
    }

    static func cannotRead(_ path: String, reason: String) -> String {
        "cannot read \(path): \(reason)"
    }

    static func tooManyProblems(limit: Int) -> String {
        "too many problems; stopped reading after the first \(limit), fix them and run again"
    }

    static func notUTF8(_ encoding: String, byteOrderMark: String) -> String {
        "input is \(encoding) (byte order mark \(byteOrderMark)); save the file as UTF-8"
    }

    static func tooDeep(limit: Int) -> String {
        "nesting is deeper than \(limit) levels; flatten the document"
    }

    static func aliasBudgetExceeded(limit: Int) -> String {
        "aliases expand to more than \(limit) nodes in this input; it refuses to grow that large (an alias bomb?)"
    }

    static func unknownAlias(_ name: String) -> String {
        "unknown alias '*\(name)'; define the anchor '&\(name)' before using it"
    }

    static func unsupportedTag(_ tag: String) -> String {
        "unsupported tag '\(tag)'; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are allowed"
    }

    static func duplicateKey(_ key: String) -> String {
        "duplicate key '\(key)'"
    }

    static let firstDefinedHere = "first defined here"

    private static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / (1024 * 1024)
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 || value >= 10 ? "\(Int(value.rounded())) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
