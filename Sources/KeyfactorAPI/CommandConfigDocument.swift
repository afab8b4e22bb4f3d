#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
import YAMLTree

/// A `command_config` file's content as plain values (objects, arrays, strings, numbers,
/// booleans), from JSON or, when it is not JSON, from YAML through YAMLTree; for YAML, where
/// each profile's keys were written, so that a bad value is reported at its line.
struct CommandConfigDocument {
    var root: [String: JSONValue]
    var path: String
    /// `servers.PROFILE.KEY` → `FILE:LINE:COL` (YAML only).
    var locations: [String: String] = [:]

    static func parse(_ data: Data, path: String) throws(KeyfactorClientError) -> CommandConfigDocument {
        if let object = JSONValue.parse(data) {
            guard let root = object.object else { throw .configuration("\(path) has no \"servers\" object") }
            return CommandConfigDocument(root: root, path: path)
        }
        let result = YAMLParser.parse(Array(data), file: path)
        if let problem = result.diagnostics.first(where: { $0.severity == .error }) {
            let place = problem.location.map { "\($0): " } ?? "\(path): "
            throw .configuration("\(place)the config file is neither JSON nor YAML: \(problem.message)")
        }
        guard let node = result.documents.first?.root, node.mapping != nil else {
            throw .configuration("\(path) has no \"servers\" object")
        }
        var document = CommandConfigDocument(root: [:], path: path)
        document.root = document.value(node, at: []).object ?? [:]
        return document
    }

    /// How a message names `key` of `profile`: with its line for YAML.
    func place(_ key: String, profile: String) -> String {
        let base = "\(key) of profile \(profile) in \(path)"
        guard let location = locations["servers.\(profile).\(key)"] else { return base }
        return "\(location): \(base)"
    }

    private mutating func value(_ node: YAMLNode, at keyPath: [String]) -> JSONValue {
        switch node.content {
        case .scalar(let scalar):
            if scalar.isNull { return .null }
            if scalar.style == .plain {
                // Plain true/false are booleans in YAML; numbers stay text (the readers take either).
                switch scalar.text.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: break
                }
            }
            return .string(scalar.text)
        case .sequence(let items):
            return .array(items.map { value($0, at: keyPath) })
        case .mapping(let pairs):
            var object: [String: JSONValue] = [:]
            for pair in pairs {
                guard let key = pair.key.text else { continue }
                let path = keyPath + [key]
                if path.count == 3 { locations[path.joined(separator: ".")] = pair.value.location.description }
                object[key] = value(pair.value, at: path)
            }
            return .object(object)
        }
    }
}
