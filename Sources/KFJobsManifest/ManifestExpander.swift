import Diagnostics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
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
        let diagnostics = forEachCombination(of: manifests, buildsInstances: true) { instances.append($0) }
        return (instances, diagnostics)
    }

    /// The problems ``expand(_:)`` finds, the same ones in the same order, without building the
    /// instances: `validate` only needs them checked, and rendering every field of 100,000 instances
    /// is most of expanding. A field is rendered only where it can be wrong (`${env.*}` when the
    /// environment is required); ids and the schedule are checked as expanding checks them.
    public func diagnostics(of manifests: [Manifest]) -> [Diagnostic] {
        forEachCombination(of: manifests, buildsInstances: false) { _ in }
    }

    private func forEachCombination(
        of manifests: [Manifest], buildsInstances: Bool, _ body: (JobInstance) -> Void
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for manifest in manifests {
            for job in manifest.jobs {
                // The schedule depends on the job and the clock only: computed once for all its combinations.
                let schedule = job.schedule.value.computed(now: now)
                for combination in job.combinations {
                    if let instance = expand(
                        job, of: manifest, combination: combination, schedule: schedule,
                        buildsInstance: buildsInstances, diagnostics: &diagnostics)
                    {
                        body(instance)
                    }
                }
            }
        }
        return diagnostics.deduplicated()
    }

    /// One instance, or `nil` when it has an error or `buildsInstance` is off (then only what can be
    /// wrong is rendered, in the order building renders it, so that the diagnostics are the same).
    private func expand(
        _ job: ManifestJob, of manifest: Manifest, combination: MatrixCombination, schedule: KeyfactorWire.Schedule?,
        buildsInstance: Bool, diagnostics: inout [Diagnostic]
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

        // Without an instance to build, a template is rendered only where that can find a problem.
        func mayFail(_ template: Located<Template>) -> Bool {
            buildsInstance || (requiresEnvironment && template.value.usesEnvironment)
        }
        let selector: RenderedSelector
        switch job.agents.form {
        case .query(let query):
            selector = .query(mayFail(query) ? renderText(query) : Located("", at: query.location))
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
            selector = .clientMachines(names.filter(mayFail).map(renderText))
        }

        guard buildsInstance else {
            // Rendering a field can only fail on an unset `${env.*}`, and only when that is an error.
            if requiresEnvironment {
                for field in job.fields where field.value.usesEnvironment {
                    _ = render(field.value, at: field.valueLocation)
                }
            }
            if schedule == nil { reportUncomputable(job.schedule, diagnostics: &diagnostics) }
            return nil
        }
        let fields = job.fields.map { field in
            InstanceField(
                name: field.name, value: render(field.value, at: field.valueLocation), valueLocation: field.valueLocation,
                isSensitive: (!job.sensitive.isEmpty && job.sensitive.contains(field.name.value)) || field.value.usesEnvironment)
        }

        guard let schedule else {
            reportUncomputable(job.schedule, diagnostics: &diagnostics)
            return nil
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return JobInstance(
            manifestName: manifest.name.value, jobName: job.name.value, jobType: job.jobType, combination: combination,
            selector: selector, expectMin: job.agents.expectMin, expectMax: job.agents.expectMax,
            lastSeenWithin: job.agents.lastSeenWithin, selectorLocation: job.agents.valueLocation,
            declaredSchedule: job.schedule, schedule: schedule, fields: fields, requiredFieldsLocation: job.requiredFieldsLocation)
    }

    /// Why a schedule has no next instant: a monthly time that crosses midnight in UTC.
    private func reportUncomputable(_ schedule: Located<DeclaredSchedule>, diagnostics: inout [Diagnostic]) {
        if case .monthly(_, let at) = schedule.value {
            diagnostics.append(.error(ManifestMessage.monthlyCrossesMidnight(at), at: schedule.location))
        }
    }
}
