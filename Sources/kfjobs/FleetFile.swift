import ArgumentParser
import KeyfactorSimulator
import YAMLTree

/// A simulator fleet file read from the command line (`kfjobs simulator --fleet`, and `--fleet` of
/// the commands that embed a simulator): read as manifests are (size limit, FIFOs, devices), every
/// problem printed at its line and column, exit 1 when the fleet cannot be used.
enum FleetFile {
    static func load(_ path: String) throws -> SimulatorFleet {
        let source: YAMLSource
        switch YAMLSourceCollector().read(path) {
        case .success(let read):
            source = read
        case .failure(let diagnostic):
            DiagnosticPrinter(sources: [], environment: ProcessEnvironment.current).print([diagnostic])
            throw ExitCode(1)
        }
        let (fleet, diagnostics) = SimulatorFleet.load(source.bytes, file: path)
        DiagnosticPrinter(sources: [source], environment: ProcessEnvironment.current).print(diagnostics)
        guard let fleet else { throw ExitCode(1) }
        return fleet
    }
}
