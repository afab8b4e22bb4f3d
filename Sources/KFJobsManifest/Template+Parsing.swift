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

    private static func variable(from reference: String) -> Result<TemplateVariable, ParseError> {
        guard let dot = reference.firstIndex(of: ".") else { return .failure(.malformed(reference)) }
        let namespace = String(reference[..<dot])
        let name = String(reference[reference.index(after: dot)...])
        let nameCharacters = name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        guard !namespace.isEmpty, !name.isEmpty, nameCharacters else { return .failure(.malformed(reference)) }
        guard let known = TemplateVariable.Namespace(rawValue: namespace) else {
            return .failure(.unknownNamespace("${\(reference)}", namespace: namespace))
        }
        return .success(TemplateVariable(known, name))
    }
}
