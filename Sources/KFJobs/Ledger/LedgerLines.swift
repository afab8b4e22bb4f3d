#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability

/// The complete lines of a ledger file, read in chunks: memory stays at one chunk (and the longest
/// line), however long the file. A last line without its newline is a torn line (a crash
/// mid-write): it is handed back, not to `body`.
enum LedgerLines {
    /// Where the complete lines end, and the torn last line if there is one.
    struct Tail {
        /// The length of the file up to and including its last newline.
        var validLength: Int
        var tornLine: [UInt8]?
    }

    /// Where a line is in the file.
    struct Position: Sendable {
        /// 1-based.
        var number: Int
        /// The offset of its first byte.
        var offset: Int
        /// Its length in bytes, without the newline.
        var length: Int
    }

    static let chunkSize = 4 << 20

    /// Calls `body` with each complete line (without its newline), in order, reading `descriptor`
    /// from offset 0 with `pread` (the file's own offset, which appends use, is left alone).
    static func forEach(
        descriptor: Int32, path: String, chunkSize: Int = chunkSize,
        _ body: (UnsafeBufferPointer<UInt8>, Position) throws(LedgerError) -> Void
    ) throws(LedgerError) -> Tail {
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 16), alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var fileOffset = 0
        var bufferStartOffset = 0
        var lineNumber = 0
        while true {
            if filled == buffer.count {
                // One line longer than the buffer: grow it rather than split the line.
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = larger
            }
            let count = try read(descriptor, path: path, into: buffer.baseAddress.unsafelyUnwrapped + filled, count: buffer.count - filled, at: fileOffset)
            if count == 0 { break }
            fileOffset += count
            let start = filled
            filled += count
            // Complete lines in the buffer, from its start (earlier bytes of a line carried over).
            let bytes = UnsafeBufferPointer(start: buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self), count: filled)
            var lineStart = 0
            var searchFrom = start
            while searchFrom < filled, let newline = memchr(bytes.baseAddress.unsafelyUnwrapped + searchFrom, 0x0A, filled - searchFrom) {
                let end = bytes.baseAddress.unsafelyUnwrapped.distance(to: UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)))
                lineNumber += 1
                try body(UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), Position(number: lineNumber, offset: bufferStartOffset + lineStart, length: end - lineStart))
                lineStart = end + 1
                searchFrom = lineStart
            }
            // Carry the incomplete line to the front of the buffer.
            if lineStart > 0 {
                let rest = filled - lineStart
                if rest > 0 { memmove(buffer.baseAddress.unsafelyUnwrapped, buffer.baseAddress.unsafelyUnwrapped + lineStart, rest) }
                filled = rest
                bufferStartOffset += lineStart
            }
        }
        guard filled > 0 else { return Tail(validLength: bufferStartOffset, tornLine: nil) }
        let torn = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
        return Tail(validLength: bufferStartOffset, tornLine: torn)
    }

    /// Calls `body` with the line at each of `positions` (found by `forEach`, sorted by offset),
    /// reading the file again a chunk at a time from the first line not in the chunk before: lines
    /// close together (a ledger's latest runs) cost one read between them.
    static func forEach(
        descriptor: Int32, path: String, at positions: [Position], chunkSize: Int = chunkSize,
        _ body: (UnsafeBufferPointer<UInt8>, Position) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        guard !positions.isEmpty else { return }
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 16), alignment: 16)
        defer { buffer.deallocate() }
        var chunkOffset = 0
        var chunkCount = 0
        for position in positions {
            if position.offset < chunkOffset || position.offset + position.length > chunkOffset + chunkCount {
                if position.length > buffer.count {
                    buffer.deallocate()
                    buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: position.length, alignment: 16)
                }
                chunkOffset = position.offset
                chunkCount = 0
                while chunkCount < buffer.count {
                    let count = try read(
                        descriptor, path: path, into: buffer.baseAddress.unsafelyUnwrapped + chunkCount, count: buffer.count - chunkCount,
                        at: chunkOffset + chunkCount)
                    if count == 0 { break }
                    chunkCount += count
                }
                guard chunkCount >= position.length else {
                    throw .corrupt(path: path, line: position.number, reason: "the line is no longer there: the file was cut short while it was read")
                }
            }
            let start = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + (position.offset - chunkOffset)
            try body(UnsafeBufferPointer(start: start, count: position.length), position)
        }
    }

    /// One `pread` of up to `count` bytes at `offset` (0 at the end of the file), retried when a
    /// signal interrupts it.
    private static func read(
        _ descriptor: Int32, path: String, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int
    ) throws(LedgerError) -> Int {
        while true {
            let read = pread(descriptor, buffer, count, off_t(offset))
            if read >= 0 { return read }
            guard errno == EINTR else { throw .io(path: path, operation: "read", errno: errno) }
        }
    }

    /// Whether a line holds only spaces and carriage returns (skipped, as blank).
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
    }
}
