import Foundation

/// Expands the paths a user gave into the YAML sources to read, as DESIGN.md's "Load" step says.
///
/// A path is a file, a directory (its `*.yaml` and `*.yml` files sorted by name; with `recursive`, its
/// subdirectories too) or `-` for standard input, which the caller reads, since only the command line
/// touches the process's streams.
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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("no such file or directory: \(path)", at: nil))
                continue
            }
            let files = isDirectory.boolValue ? yamlFiles(in: path) : [path]
            if isDirectory.boolValue, files.isEmpty {
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
    public func read(_ path: String) -> Result<YAMLSource, Diagnostic> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > limits.maxInputBytes {
            return .failure(.error(.inputTooLarge(bytes: size.intValue, limit: limits.maxInputBytes), at: start))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error("cannot read \(path); check that it is a readable file", at: nil))
        }
        return .success(YAMLSource(name: path, bytes: [UInt8](data)))
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
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: base.appendingPathComponent(child).path, isDirectory: &isDirectory)
                if isDirectory.boolValue {
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
