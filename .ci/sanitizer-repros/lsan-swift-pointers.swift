// LeakSanitizer and Swift on Linux: memory that a live global still reaches, reported as leaked.
// Run: swiftc -sanitize=address -g lsan-swift-pointers.swift -o p && for m in plain enum weak; do ./p $m; done
//  plain: an array in a global                          -> no report (the control)
//  enum:  the same array as the payload of a multi-payload enum case, in a global: Swift keeps the
//         case tag in the pointer's spare bits, so LSan does not recognise the pointer -> "leak"
//  weak:  a live object that was once weakly referenced: only its refcount word, which holds the
//         side table's address shifted and flagged, points at the side table -> "leak" of 32 bytes
final class Target {}
enum Credentials { case basic(String, String, String?), oauth(id: String, secret: String, url: String, scopes: [String]), token(String) }
nonisolated(unsafe) var plain: [String] = []
nonisolated(unsafe) var credentials: Credentials = .token("")
nonisolated(unsafe) var target: Target?
/// Forms a weak reference (so the object gets a side table) that is gone again on return.
func weakly(_ object: Target?) { weak var reference = object; withExtendedLifetime(reference) {} }
switch CommandLine.arguments.dropFirst().first {
case "plain": plain = ["openid", String(repeating: "api", count: 20)]
case "enum": credentials = .oauth(id: "kfjobs", secret: "s", url: "u", scopes: ["openid", "api"])
case "weak": target = Target(); weakly(target)
default: fatalError("usage: lsan-swift plain|enum|weak")
}
print("exiting with every allocation still reachable from a global")
