import Foundation

/// A small tmpfs for the full-disk tests, mounted on a new directory and unmounted when done.
///
/// Mounting needs root (CAP_SYS_ADMIN) and a kernel that allows it in this namespace: where it does
/// not, `FullDisk.unavailable` says why and the tests are skipped with that message.
final class FullDisk: Sendable {
    let directory: URL
    let bytes: Int

    /// Why a tmpfs cannot be mounted here, or nil when it can (tried once, with a mount of its own).
    static let unavailable: String? = {
        do {
            let probe = try FullDisk(kilobytes: 16)
            probe.unmount()
            return nil
        } catch {
            return "\(error)"
        }
    }()

    init(kilobytes: Int) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-full-disk-\(UUID().uuidString)")
        bytes = kilobytes * 1024
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0755", "tmpfs", directory.path])
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: directory)
            throw MountError(message: "cannot mount a tmpfs here (full-disk tests skipped): \(result.output)")
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Free bytes on the file system.
    var free: Int {
        var info = statvfs()
        guard statvfs(directory.path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Fills the file system until only `leave` bytes are free (to a page), with a file that
    /// `release()` deletes: the space a user frees.
    func fill(leaving leave: Int) throws {
        let filler = path("filler")
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        defer { try? handle.close() }
        let page = Data(count: 4096)
        while free > leave {
            do { try handle.write(contentsOf: page) } catch { break }
        }
    }

    func release() throws {
        try FileManager.default.removeItem(atPath: path("filler"))
    }

    func unmount() {
        _ = Self.run("/bin/umount", [directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    struct MountError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static func run(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "\(tool): \(error)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
