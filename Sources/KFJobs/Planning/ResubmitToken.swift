/// The value of `--resubmit TOKEN`: names one deliberate re-run of the immediate and run-once jobs,
/// so that a CI step retried with the same token (`$GITHUB_RUN_ID`, `$CI_PIPELINE_ID`) never sends
/// them twice, while the next pipeline's token sends them again.
///
/// It is written into the ledger and compared byte for byte, so it is kept to what survives a
/// shell, a CI variable and `grep` unchanged: 1 to 128 printable characters, no white space.
public struct ResubmitToken: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// The longest token, in Unicode scalars.
    public static let maxLength = 128

    /// The token, or why `text` is not one (a message for a usage error).
    public static func parse(_ text: String) -> Result<ResubmitToken, ResubmitTokenError> {
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty else { return .failure(ResubmitTokenError(message: "--resubmit needs a token of 1 to \(maxLength) characters, not an empty one")) }
        guard scalars.count <= maxLength else {
            return .failure(ResubmitTokenError(message: "--resubmit token is \(scalars.count) characters long; give at most \(maxLength)"))
        }
        if let bad = scalars.first(where: { !isAllowed($0) }) {
            let code = "U+" + String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)
            let what = bad.properties.isWhitespace ? "white space" : "a character that is not printable"
            return .failure(ResubmitTokenError(message: "--resubmit token holds \(what) (\(code)); use printable characters without white space, e.g. $GITHUB_RUN_ID"))
        }
        return .success(ResubmitToken(value: text))
    }

    private init(value: String) {
        self.value = value
    }

    public var description: String { value }

    /// Printable: not white space, not a control, format, private-use, surrogate or unassigned code
    /// point (a bidirectional override would make the ledger's line read differently from its bytes).
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .unassigned, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }
}

/// Why a `--resubmit` value is not a token.
public struct ResubmitTokenError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
