// An option of a custom type whose conversion fails, inside an option group of a subcommand, as in
// `kfjobs apply --wave 0%`. `ap once` fails one parse and exits with ArgumentParser's usage error, as
// kfjobs does; `ap many` fails 1000 parses, drops each error, and exits 0.
import ArgumentParser
import Foundation

struct Amount: ExpressibleByArgument {
    var value: Int
    init?(argument: String) { guard let value = Int(argument) else { return nil }; self.value = value }
}
struct Waves: ParsableArguments { @Option var wave: Amount? }
struct Apply: ParsableCommand { @OptionGroup var waves: Waves }
struct Root: ParsableCommand { static let configuration = CommandConfiguration(subcommands: [Apply.self]) }

switch CommandLine.arguments.dropFirst().first {
case "once":
    Root.main(["apply", "--wave", "x"])
case "many":
    var failures = 0
    for _ in 0..<1000 {
        do { _ = try Root.parseAsRoot(["apply", "--wave", "x"]) } catch { failures += 1 }
    }
    print("\(failures) failed parses, every error dropped")
default:
    fatalError("usage: ap once|many")
}
