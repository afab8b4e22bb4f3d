#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a system call or a file operation failed, as a message's last words: `strerror`'s text in
/// place of Foundation's `localizedDescription`, which FoundationEssentials does not have.
public enum ErrorReason {
    /// `strerror(code)`: "No such file or directory", "Permission denied".
    public static func system(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The reason of a file operation's error (`Data(contentsOf:)`, `Data.write(to:)`,
    /// `FileManager`): the system's own words for the errno behind it ("No such file or directory",
    /// where Foundation said "The operation could not be completed. The file doesn’t exist."); for a
    /// decoding error Foundation's sentence without its "The operation could not be completed."
    /// opening; anything else as it describes itself.
    public static func of(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return system(posix.code.rawValue) }
        if let cocoa = error as? CocoaError {
            if let underlying = cocoa.underlying as? POSIXError { return system(underlying.code.rawValue) }
            return "The operation could not be completed (error \(cocoa.code.rawValue))."
        }
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound, .valueNotFound: return "The data is missing."
            default: return "The data isn’t in the correct format."
            }
        }
        return String(describing: error)
    }
}
