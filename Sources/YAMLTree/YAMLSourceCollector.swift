import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

import Portability

/// Expands the paths a user gave into the YAML sources to read, as DESIGN.md's "Load" step says.
///
/// A path is a file, a directory (its `*.yaml` and `*.yml` files sorted by name; with `recursive`, its
/// subdirectories too, but not symbolic links to directories, which could loop) or `-` for standard
/// input, which the caller reads, since only the command line touches the process's streams.
public struct YAMLSourceCollector: Sendable {
    public var recursive: Bool
    public var limits: YAMLLimits

    public init(recursive: Bool = false, limits: YAMLLimits = YAMLLimits()) {
        self.recursive = recursive
        self.limits = limits
    }

    /// The sources found under `paths`, and a diagnostic for each path that could not be read.
    public func collect(_ paths: [String], standardInput: () -> [UInt8]) -> (sources: [YAMLSource], diagnostics: [Diagnostic]) {
        var sources: [YAMLSource] = []
        var diagnostics: [Diagnostic] = []
        var readStandardInput = false
        for path in paths {
            if path == "-" {
                guard !readStandardInput else { continue }
                readStandardInput = true
                sources.append(YAMLSource(name: YAMLSource.stdinName, bytes: standardInput()))
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                let code = errno
                let message = code == ENOENT || code == ENOTDIR
                    ? "no such file or directory: \(path)" : String.cannotRead(path, reason: Self.describe(code))
                diagnostics.append(.error(message, at: nil))
                continue
            }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            let files = isDirectory ? yamlFiles(in: path) : [path]
            if isDirectory, files.isEmpty {
                let hint = recursive ? "" : " (use -R to include subdirectories)"
                diagnostics.append(.error("no *.yaml or *.yml files in directory \(path)\(hint)", at: nil))
            }
            for file in files {
                switch read(file) {
                case .success(let source): sources.append(source)
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
        }
        return (sources, diagnostics)
    }

    /// Reads one file, refusing it before reading when it is over the size limit.
    ///
    /// FIFOs and devices are read as streams, never more than the limit: a FIFO is opened without
    /// waiting for a writer (one with no writer reads as empty), and an endless device such as
    /// `/dev/zero` is refused once it has given more than the limit.
    public func read(_ path: String) -> Result<YAMLSource, Diagnostic> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(.error(.cannotRead(path, reason: Self.describe(errno)), at: nil))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(.error(.cannotRead(path, reason: Self.describe(errno)), at: nil))
        }
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if isRegular, Int(status.st_size) > limits.maxInputBytes {
            return .failure(.error(.inputTooLarge(bytes: Int(status.st_size), limit: limits.maxInputBytes), at: start))
        }
        // Blocking again from here: a FIFO whose writer is slow is waited for, as `cat` would.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var bytes: [UInt8] = []
        // A file's size is known: one allocation (a 10 MB manifest grown by doubling cost more than
        // reading it). A pipe's is not, nor is a file's that grows while it is read.
        if isRegular { bytes.reserveCapacity(min(Int(status.st_size), limits.maxInputBytes) + 1) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limits.maxInputBytes {
            let count = chunk.withUnsafeMutableBytes { SystemCall.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.error(.cannotRead(path, reason: Self.describe(errno)), at: nil))
            }
            chunk.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        if bytes.count > limits.maxInputBytes {
            return .failure(.error(.inputOverLimit(limit: limits.maxInputBytes), at: start))
        }
        return .success(YAMLSource(name: path, bytes: bytes))
    }

    /// `strerror`'s text in the messages' lower case: "permission denied", "is a directory".
    private static func describe(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    private func yamlFiles(in directory: String) -> [String] {
        let base = URL(fileURLWithPath: directory)
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? base : base.appendingPathComponent(relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                // lstat: a symbolic link to a directory is not a subdirectory to walk (`a -> ..` would loop).
                var status = stat()
                let isDirectory = lstat(base.appendingPathComponent(child).path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                if isDirectory {
                    if recursive { pending.append(child) }
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    found.append(child)
                }
            }
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return found.sorted().map { prefix + $0 }
    }
}
