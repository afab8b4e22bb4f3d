// Parses each file named on the command line with YAMLTree's parser, compiled into this one module
// with AddressSanitizer, so that LeakSanitizer reports any libyaml state or buffer that is not freed.
import Foundation

for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(2)
    }
    let result = YAMLParser.parse([UInt8](data), file: path)
    print("\(path): \(result.documents.count) documents, \(result.diagnostics.count) diagnostics")
}
