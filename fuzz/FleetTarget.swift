// libFuzzer target over the simulator's fleet files, as `kfjobs simulator --fleet` and `--fleet` load them.
import Foundation
import KeyfactorSimulator
import YAMLTree

private let now = Date(timeIntervalSince1970: 1_767_225_600)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFleet(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let (fleet, diagnostics) = SimulatorFleet.load(bytes, file: FuzzChecks.file, now: now)
    FuzzChecks.locations(diagnostics, in: bytes)
    if fleet == nil, !diagnostics.containsErrors { fatalError("fleet refused without an error") }
    if fleet != nil, diagnostics.containsErrors { fatalError("fleet accepted with an error") }
    return 0
}
