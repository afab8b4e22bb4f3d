import Diagnostics
import YAMLTree

/// What a template may refer to where it is written.
struct TemplateScope {
    var allowsAgent: Bool
    var matrixKeys: [String]
    var varNames: [String]
    var allowedEnvironment: Set<String>
}

extension ManifestDecoding {
    /// A scalar parsed as a template whose every variable is known in `scope`; errors at the scalar.
    mutating func template(_ node: YAMLNode, what: @autoclosure () -> String, scope: TemplateScope) -> Located<Template>? {
        guard let text = scalar(node, what: what()) else { return nil }
        return template(text, at: node.location, scope: scope)
    }

    mutating func template(_ text: String, at location: SourceLocation, scope: TemplateScope) -> Located<Template>? {
        let template: Template
        switch Template.parse(text) {
        case .success(let parsed):
            template = parsed
        case .failure(.unterminated):
            error(ManifestMessage.unterminatedTemplate(text), at: location)
            return nil
        case .failure(.malformed(let reference)):
            error(ManifestMessage.malformedTemplate(reference), at: location)
            return nil
        case .failure(.unknownNamespace(let reference, let namespace)):
            error(ManifestMessage.unknownNamespace(reference, namespace: namespace), at: location)
            return nil
        }
        var valid = true
        for case .variable(let variable) in template.parts {
            if let message = problem(with: variable, scope: scope) {
                error(message, at: location)
                valid = false
            }
        }
        return valid ? Located(template, at: location) : nil
    }

    private func problem(with variable: TemplateVariable, scope: TemplateScope) -> String? {
        switch variable.namespace {
        case .agent:
            guard scope.allowsAgent else { return ManifestMessage.agentInSelector(variable) }
            return TemplateVariable.agentAttributes.contains(variable.name)
                ? nil
                : ManifestMessage.unknownVariable(
                    variable, known: TemplateVariable.agentAttributes,
                    hint: "agents have " + TemplateVariable.agentAttributes.joined(separator: ", "))
        case .matrix:
            return scope.matrixKeys.contains(variable.name)
                ? nil
                : ManifestMessage.unknownVariable(
                    variable, known: scope.matrixKeys, hint: scope.matrixKeys.isEmpty ? "the job has no matrix" : nil)
        case .vars:
            return scope.varNames.contains(variable.name)
                ? nil
                : ManifestMessage.unknownVariable(
                    variable, known: scope.varNames, hint: scope.varNames.isEmpty ? "the manifest has no vars" : nil)
        case .manifest, .job:
            return variable.name == "name" ? nil : ManifestMessage.unknownVariable(variable, known: ["name"])
        case .env:
            return scope.allowedEnvironment.contains(variable.name) ? nil : ManifestMessage.envNotAllowed(variable)
        }
    }
}
