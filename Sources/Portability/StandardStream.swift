/// Standard output, standard error and standard input through write(2) and read(2), in place of
/// Foundation's `FileHandle`, which FoundationEssentials does not have.
public enum StandardStream {
    /// Writes all of `text` to standard output (descriptor 1).
    public static func writeOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes all of `text` to standard error (descriptor 2).
    public static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Writes every byte of `text` to `descriptor`, again after a short write or an interrupted
    /// call. Other failures (a closed pipe, a full disk) drop the rest: as `FileHandle.write` on
    /// Linux, a tool's output has nowhere to report its own failure.
    public static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            guard var next = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let written = SystemCall.write(descriptor, next, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                next += written
                left -= written
            }
        }
    }

    /// Reads standard input (descriptor 0) until its end, or until more than `limit` bytes have
    /// been read (the caller then refuses the input as too large); a read error ends the input.
    public static func readInput(limit: Int) -> [UInt8] {
        read(STDIN_FILENO, limit: limit)
    }

    /// Reads `descriptor` until its end or until more than `limit` bytes have been read.
    public static func read(_ descriptor: Int32, limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { SystemCall.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return bytes
    }
}
