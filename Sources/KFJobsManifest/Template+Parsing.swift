extension Template {
    /// Why a string is not a well-formed template.
    public enum ParseError: Error, Hashable, Sendable {
        /// A `${` with no closing `}`.
        case unterminated
        /// `${...}` whose inside is not `namespace.name` (the inside as written).
        case malformed(String)
        /// `${ns.name}` with a namespace that does not exist (the whole reference as written).
        case unknownNamespace(String, namespace: String)
    }

    /// Parses `text`: `${ns.name}` variables, `$${` as a literal `${`, everything else literal.
    public static func parse(_ text: String) -> Result<Template, ParseError> {
        // A value without `$` (many are) is one literal, sharing the scalar's storage rather than a
        // copy built Character by Character. (A `$` byte is the only way a
        // `$` Character can occur, so the walk below would find nothing either.)
        // (Searched in the contiguous bytes when there are some: the generic UTF-8 view walk costs more.)
        let hasDollar = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "$")) }
            ?? text.utf8.contains(UInt8(ascii: "$"))
        if !hasDollar { return .success(Template(literal: text)) }
        // ASCII text (nearly every template) is walked byte by byte: each ASCII byte is a Character of
        // its own there (only CR LF join, and neither is `$`, `{`, `}`), so the result is the same as
        // the Character walk, which stays for the rest (a `$` followed by a combining mark is
        // not a `$` Character).
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.allSatisfy { $0 < 0x80 } ? parseASCII(bytes) : nil
        }), let parsed {
            return parsed
        }
        return parseCharacters(text)
    }

    /// The general walk, Character by Character (internal, so that tests can hold the ASCII walk to it).
    static func parseCharacters(_ text: String) -> Result<Template, ParseError> {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            literal += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            if afterDollar.hasPrefix("${") {
                literal += "${"
                rest = afterDollar.dropFirst(2)
            } else if afterDollar.hasPrefix("{") {
                let inside = afterDollar.dropFirst()
                guard let close = inside.firstIndex(of: "}") else { return .failure(.unterminated) }
                let reference = String(inside[..<close])
                switch variable(from: reference) {
                case .success(let variable):
                    parts.append(.literal(literal))
                    literal = ""
                    parts.append(.variable(variable))
                case .failure(let error):
                    return .failure(error)
                }
                rest = inside[inside.index(after: close)...]
            } else {
                literal += "$"
                rest = afterDollar
            }
        }
        literal += rest
        parts.append(.literal(literal))
        return .success(Template(parts: parts))
    }

    /// ``parse(_:)`` over the bytes of ASCII text: the same steps, on byte offsets, and each literal
    /// made once from its run of bytes (a literal is only joined from pieces after a `$${`).
    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Template, ParseError> {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var parts: [Part] = []
        // At most a literal before each `$` and after the last one, and a variable for each.
        parts.reserveCapacity(2 * bytes.count(where: { $0 == dollar }) + 1)
        // The literal so far is `joined` followed by the bytes from `run` up to where the scan is.
        var joined = ""
        var run = 0
        var scan = 0
        func literal(upTo end: Int) -> String {
            joined.isEmpty ? text(run..<end) : joined + text(run..<end)
        }
        while let found = bytes[scan...].firstIndex(of: dollar) {
            let afterDollar = found + 1
            guard afterDollar < bytes.count else { break }
            if bytes[afterDollar] == dollar, afterDollar + 1 < bytes.count, bytes[afterDollar + 1] == open {
                // `$${` is a literal `${`: keep the first `$`, drop the second, the `{` starts the next run.
                joined = literal(upTo: afterDollar)
                run = afterDollar + 1
                scan = afterDollar + 2
            } else if bytes[afterDollar] == open {
                let inside = afterDollar + 1
                guard let end = bytes[inside...].firstIndex(of: close) else { return .failure(.unterminated) }
                switch variable(from: UnsafeBufferPointer(rebasing: bytes[inside..<end])) {
                case .success(let variable):
                    let before = literal(upTo: found)
                    if !before.isEmpty { parts.append(.literal(before)) }
                    parts.append(.variable(variable))
                case .failure(let error):
                    return .failure(error)
                }
                joined = ""
                run = end + 1
                scan = end + 1
            } else {
                scan = afterDollar
            }
        }
        let last = literal(upTo: bytes.count)
        if !last.isEmpty { parts.append(.literal(last)) }
        // No two literals are next to each other and none is empty: the parts need no merging.
        return .success(Template(mergedParts: parts))
    }

    /// ``variable(from:)`` over the ASCII bytes inside `${...}`, making a string only of the name.
    private static func variable(from reference: UnsafeBufferPointer<UInt8>) -> Result<TemplateVariable, ParseError> {
        func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        }
        guard let dot = reference.firstIndex(of: UInt8(ascii: ".")) else {
            return .failure(.malformed(text(reference[...])))
        }
        let namespace = reference[..<dot], name = reference[(dot + 1)...]
        let nameCharacters = name.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
        guard !namespace.isEmpty, !name.isEmpty, nameCharacters else { return .failure(.malformed(text(reference[...]))) }
        guard let known = TemplateVariable.Namespace.named(namespace) else {
            return .failure(.unknownNamespace("${\(text(reference[...]))}", namespace: text(namespace)))
        }
        return .success(TemplateVariable(known, text(name)))
    }

    private static func variable(from reference: String) -> Result<TemplateVariable, ParseError> {
        guard let dot = reference.firstIndex(of: ".") else { return .failure(.malformed(reference)) }
        let namespace = String(reference[..<dot])
        let name = String(reference[reference.index(after: dot)...])
        let nameCharacters = name.unicodeScalars.allSatisfy { scalar in
            // Among ASCII scalars exactly the letters are alphabetic: no property lookup for those.
            let alphabetic = scalar.isASCII ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) : scalar.properties.isAlphabetic
            return alphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        guard !namespace.isEmpty, !name.isEmpty, nameCharacters else { return .failure(.malformed(reference)) }
        guard let known = TemplateVariable.Namespace(rawValue: namespace) else {
            return .failure(.unknownNamespace("${\(reference)}", namespace: namespace))
        }
        return .success(TemplateVariable(known, name))
    }
}

extension TemplateVariable.Namespace {
    /// The namespace spelt by `bytes`, compared byte by byte with each name.
    static func named(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Self? {
        allCases.first { candidate in
            var name = candidate.rawValue
            return name.withUTF8 { $0.count == bytes.count && $0.elementsEqual(bytes) }
        }
    }
}
