#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// Diagnostic logging on stderr, off unless `KFJOBS_LOG_LEVEL` asks for it (`debug` shows each request's
/// method, path, status and time; `trace` also its headers, with authorisation redacted).
enum CommandLogging {
    /// The logger commands hand to the libraries; bootstraps swift-log once per process.
    static let logger: Logger = {
        let level = ProcessEnvironment.current["KFJOBS_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .warning
            return handler
        }
        var logger = Logger(label: "kfjobs")
        logger.logLevel = level ?? .warning
        return logger
    }()
}
