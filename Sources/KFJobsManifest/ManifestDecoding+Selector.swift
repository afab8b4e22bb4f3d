import Diagnostics
import Portability
import YAMLTree

extension ManifestDecoding {
    static let selectorForms = ["query", "ids", "clientMachines"]
    static let selectorKeys = selectorForms + ["expect", "lastSeenWithin"]

    /// A job's `agents`: exactly one of query, ids or clientMachines, plus the optional guards.
    mutating func selector(_ node: YAMLNode, scope: TemplateScope) -> AgentSelector? {
        let errorsBefore = errorCount
        guard let keys = mapping(node, what: "agents", context: "agents", known: Self.selectorKeys), let pairs = node.mapping else {
            return nil
        }
        let given = pairs.filter { Self.selectorForms.contains($0.key.text ?? "") }
        guard let chosen = given.first, let formName = chosen.key.text else {
            error(ManifestMessage.selectorNone, at: node.location)
            return nil
        }
        for extra in given.dropFirst() where extra.key.text != formName {
            error(ManifestMessage.selectorTwo(formName, extra.key.text ?? ""), at: extra.key.location)
        }

        var form: AgentSelector.Form?
        switch formName {
        case "query":
            form = template(chosen.value, what: "query", scope: scope).map { .query($0) }
            if chosen.value.text?.unicodeScalars.allSatisfy(\.isHorizontalWhitespace) == true {
                // An empty QueryString matches every agent: never what was meant.
                error(ManifestMessage.empty("query"), at: chosen.value.location)
                form = nil
            }
        case "ids":
            form = selectorList(chosen.value, what: "ids", scope: scope, caseInsensitive: true, check: { text in
                Self.isGUID(text) ? nil : ManifestMessage.notAnAgentId(text)
            }).map { .ids($0) }
        default:
            form = selectorList(chosen.value, what: "clientMachines", scope: scope, caseInsensitive: false, check: { _ in nil })
                .map { .clientMachines($0) }
        }

        var expectMin = 1
        var expectMax: Int?
        if let expectNode = keys["expect"]?.value,
            let expect = mapping(expectNode, what: "expect", context: "expect", known: ["min", "max"])
        {
            if let value = expect["min"]?.value { expectMin = count(value, key: "min") ?? expectMin }
            if let value = expect["max"]?.value { expectMax = count(value, key: "max") }
            if let max = expectMax, expectMin > max {
                error(ManifestMessage.expectOrder(min: expectMin, max: max), at: expectNode.location)
            }
        }
        var lastSeenWithin: Int?
        if let value = keys["lastSeenWithin"]?.value, let text = scalar(value, what: "lastSeenWithin") {
            lastSeenWithin = duration(text, what: "lastSeenWithin", at: value.location).map { $0 * 60 }
        }

        guard errorCount == errorsBefore, let form else { return nil }
        return AgentSelector(form: form, expectMin: expectMin, expectMax: expectMax, lastSeenWithin: lastSeenWithin, valueLocation: chosen.value.location)
    }

    private mutating func selectorList(
        _ node: YAMLNode, what: String, scope: TemplateScope, caseInsensitive: Bool, check: (String) -> String?
    ) -> [Located<Template>]? {
        guard let items = sequence(node, what: what) else { return nil }
        var result: [Located<Template>] = []
        var seen: [String: SourceLocation] = [:]
        var valid = true
        for item in items {
            guard let template = template(item, what: "an item of \(what)", scope: scope) else {
                valid = false
                continue
            }
            // Items with variables are checked once rendered, per matrix combination.
            if let text = template.value.literalText {
                if let message = check(text) {
                    error(message, at: item.location)
                    valid = false
                    continue
                }
                let identity = caseInsensitive ? text.lowercased() : text
                if let first = seen[identity] {
                    error(ManifestMessage.duplicateSelectorItem(text, in: what), at: item.location,
                        notes: [.init(ManifestMessage.firstDefinedHere, at: first)])
                    valid = false
                    continue
                }
                seen[identity] = item.location
            }
            result.append(template)
        }
        return valid ? result : nil
    }

    private mutating func count(_ node: YAMLNode, key: String) -> Int? {
        guard let text = scalar(node, what: "expect.\(key)") else { return nil }
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let value = Int(text) else {
            error(ManifestMessage.expectNumber(key, text), at: node.location)
            return nil
        }
        return value
    }

    /// `8-4-4-4-12` hexadecimal digits, any case.
    static func isGUID(_ text: String) -> Bool {
        // Byte by byte: a Character that is a hexadecimal digit or `-` is one ASCII byte, and an ASCII
        // byte is a Character of its own unless CR LF, which is neither.
        let dashes = [8, 13, 18, 23]
        return text.utf8.count == 36 && text.utf8.enumerated().allSatisfy { offset, byte in
            dashes.contains(offset) ? byte == UInt8(ascii: "-") : byte.isASCIIHexDigit
        }
    }
}

extension UInt8 {
    /// `0`–`9`, `a`–`f` or `A`–`F`.
    var isASCIIHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
