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

    /// ``parse(_:)`` over the bytes of ASCII text: the same steps, on byte offsets.
    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Template, ParseError> {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var parts: [Part] = []
        var literal = ""
        var rest = 0
        while let found = bytes[rest...].firstIndex(of: dollar) {
            literal += text(rest..<found)
            let afterDollar = found + 1
            if afterDollar + 1 < bytes.count, bytes[afterDollar] == dollar, bytes[afterDollar + 1] == open {
                literal += "${"
                rest = afterDollar + 2
            } else if afterDollar < bytes.count, bytes[afterDollar] == open {
                let inside = afterDollar + 1
                guard let end = bytes[inside...].firstIndex(of: close) else { return .failure(.unterminated) }
                switch variable(from: text(inside..<end)) {
                case .success(let variable):
                    parts.append(.literal(literal))
                    literal = ""
                    parts.append(.variable(variable))
                case .failure(let error):
                    return .failure(error)
                }
                rest = end + 1
            } else {
                literal += "$"
                rest = afterDollar
            }
        }
        literal += text(rest..<bytes.count)
        parts.append(.literal(literal))
        return .success(Template(parts: parts))
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
