/// Numbers as `printf` writes them, in place of Foundation's `String(format:)` (not in
/// FoundationEssentials); through `vsnprintf`, so the rounding is the C library's, as Foundation's was.
public enum NumberText {
    /// `String(format: "%.Nf", value)`: `fractionDigits` digits after the point, "." as the point.
    public static func fixed(_ value: Double, fractionDigits: Int) -> String {
        printf("%.*f", [Int32(fractionDigits), value])
    }

    /// `String(format: "%0Nx", value)`: lower-case hex, zero-padded to `width` digits.
    public static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func printf(_ format: String, _ arguments: [any CVarArg]) -> String {
        withVaList(arguments) { list in
            var buffer = [CChar](repeating: 0, count: 64)
            let needed = Int(vsnprintf(&buffer, buffer.count, format, list))
            if needed >= buffer.count {
                buffer = [CChar](repeating: 0, count: needed + 1)
                _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
            }
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
