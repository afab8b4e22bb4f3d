import YAMLTree

extension FleetDecoder {
    /// The `server` keys that set the dialect and quirks (`SimulatorDialect`).
    static let dialectKeys = ["parameterSpelling", "totalCount", "rejectQueryFields", "forbidden", "clockSkew"]

    mutating func decodeDialect(_ server: [String: YAMLNode], into dialect: inout SimulatorDialect) {
        if let node = server["parameterSpelling"], let text = string(node) {
            if let spelling = SimulatorDialect.ParameterSpelling(rawValue: text) {
                dialect.parameterSpelling = spelling
            } else {
                let names = SimulatorDialect.ParameterSpelling.allCases.map(\.rawValue).joined(separator: ", ")
                error(FleetMessage.parameterSpelling(text, names: names), at: node)
            }
        }
        if let node = server["totalCount"], let flag = boolean(node) { dialect.sendsTotalCount = flag }
        if let node = server["rejectQueryFields"],
           let lists = mapping(node, "rejectQueryFields", allowed: SimulatorDialect.listNames)
        {
            for (name, listNode) in lists.sorted(by: { $0.key < $1.key }) {
                guard let items = sequence(listNode, "rejectQueryFields.\(name)") else { continue }
                dialect.rejectedQueryFields[name] = items.compactMap { string($0) }
            }
        }
        if let node = server["forbidden"], let items = sequence(node, "forbidden") {
            for item in items {
                guard let name = string(item) else { continue }
                if SimulatorDialect.endpointNames.contains(name) {
                    dialect.forbiddenEndpoints.insert(name)
                } else {
                    error(FleetMessage.forbiddenEndpoint(name), at: item)
                }
            }
        }
        if let node = server["clockSkew"], let text = string(node) {
            // A duration, behind the true time when it starts with a minus.
            let negative = text.hasPrefix("-")
            let magnitude = negative ? String(text.dropFirst()) : text.hasPrefix("+") ? String(text.dropFirst()) : text
            if let seconds = Self.duration(magnitude) {
                dialect.clockSkew = negative ? -seconds : seconds
            } else {
                error(FleetMessage.clockSkew(text), at: node)
            }
        }
    }
}
