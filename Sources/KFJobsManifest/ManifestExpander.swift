import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLTree

/// Expands manifests offline: each job over its matrix combinations, with every template but
/// `${agent.*}` rendered and the schedule computed for a clock.
public struct ManifestExpander: Sendable {
    /// Values for `${env.NAME}` (the decoder already checked each name is allowed).
    public var environment: [String: String]
    /// The clock the schedules' next instants are computed from.
    public var now: Date
    /// Whether an allowed but unset variable is an error. `validate` turns this off, since checking a
    /// manifest must not need its secrets; such values then stay unrendered and are not checked.
    public var requiresEnvironment: Bool

    public init(environment: [String: String] = [:], now: Date, requiresEnvironment: Bool = true) {
        self.environment = environment
        self.now = now
        self.requiresEnvironment = requiresEnvironment
    }

    /// The job instances of `manifests`, in manifest, job and combination order, and the problems found
    /// while rendering (an unset environment variable, an id that does not render to a GUID).
    public func expand(_ manifests: [Manifest]) -> (instances: [JobInstance], diagnostics: [Diagnostic]) {
        var instances: [JobInstance] = []
        let diagnostics = forEachInstance(of: manifests) { instances.append($0) }
        return (instances, diagnostics)
    }

    /// Expands as ``expand(_:)`` does, with the same diagnostics, but hands each instance to `body`
    /// instead of keeping them all: `validate` only checks them, and 100,000 instances with their
    /// rendered fields are more memory than the rest of the command.
    public func forEachInstance(of manifests: [Manifest], _ body: (JobInstance) -> Void) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for manifest in manifests {
            for job in manifest.jobs {
                for combination in job.combinations {
                    if let instance = expand(job, of: manifest, combination: combination, diagnostics: &diagnostics) {
                        body(instance)
                    }
                }
            }
        }
        return diagnostics.deduplicated()
    }

    private func expand(
        _ job: ManifestJob, of manifest: Manifest, combination: MatrixCombination, diagnostics: inout [Diagnostic]
    ) -> JobInstance? {
        // The expander reports only errors, so a longer list means this instance had one.
        let errorsBefore = diagnostics.count
        var unsetVariables = 0
        func render(_ template: Template, at location: SourceLocation) -> Template {
            template.substituting { variable in
                switch variable.namespace {
                case .agent: return nil
                case .matrix: return combination[variable.name]
                case .vars: return manifest.variable(variable.name)
                case .manifest: return manifest.name.value
                case .job: return job.name.value
                case .env:
                    guard let value = environment[variable.name] else {
                        unsetVariables += 1
                        if requiresEnvironment {
                            diagnostics.append(.error(ManifestMessage.envNotSet(variable.name), at: location))
                        }
                        return nil
                    }
                    return value
                }
            }
        }
        func renderText(_ located: Located<Template>) -> Located<String> {
            let rendered = render(located.value, at: located.location)
            return Located(rendered.literalText ?? rendered.sourceText, at: located.location)
        }

        let selector: RenderedSelector
        switch job.agents.form {
        case .query(let query):
            selector = .query(renderText(query))
        case .ids(let ids):
            var rendered: [Located<String>] = []
            for id in ids {
                let unsetBefore = unsetVariables
                let text = renderText(id)
                // An id that could not be rendered is not known to be wrong (or is reported as unset).
                if unsetVariables == unsetBefore, !ManifestDecoding.isGUID(text.value) {
                    diagnostics.append(.error(ManifestMessage.notAnAgentId(text.value), at: text.location))
                }
                rendered.append(text)
            }
            selector = .ids(rendered)
        case .clientMachines(let names):
            selector = .clientMachines(names.map(renderText))
        }

        let fields = job.fields.map { field in
            InstanceField(
                name: field.name, value: render(field.value, at: field.valueLocation), valueLocation: field.valueLocation,
                isSensitive: (!job.sensitive.isEmpty && job.sensitive.contains(field.name.value)) || field.value.usesEnvironment)
        }

        guard let schedule = job.schedule.value.computed(now: now) else {
            if case .monthly(_, let at) = job.schedule.value {
                diagnostics.append(.error(ManifestMessage.monthlyCrossesMidnight(at), at: job.schedule.location))
            }
            return nil
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return JobInstance(
            manifestName: manifest.name.value, jobName: job.name.value, jobType: job.jobType, combination: combination,
            selector: selector, expectMin: job.agents.expectMin, expectMax: job.agents.expectMax,
            lastSeenWithin: job.agents.lastSeenWithin, selectorLocation: job.agents.valueLocation,
            declaredSchedule: job.schedule, schedule: schedule, fields: fields, requiredFieldsLocation: job.requiredFieldsLocation)
    }
}
