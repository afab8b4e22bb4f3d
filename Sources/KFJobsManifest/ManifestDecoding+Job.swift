import Diagnostics
import YAMLTree

extension ManifestDecoding {
    /// The most combinations one job's matrix may have (before exclusions).
    static let maxMatrixCombinations = 10_000
    /// The most entries one job's `exclude` may have.
    static let maxExcludeEntries = 1_000

    static let jobKeys = ["name", "jobType", "agents", "matrix", "exclude", "schedule", "fields", "sensitive"]

    /// One entry of `jobs`, with the defaults merged in, and its name when that much could be read.
    mutating func job(
        _ node: YAMLNode, manifestName: String?, vars: [ManifestVariable], defaults: ManifestDefaults, decoder: ManifestDecoder
    ) -> (ManifestJob?, Located<String>?) {
        let errorsBefore = errorCount
        guard let keys = mapping(node, what: "a job", context: "a job", known: Self.jobKeys, required: ["name", "jobType", "agents"]) else {
            return (nil, nil)
        }
        let name = keys["name"].flatMap { self.name($0.value, what: "name") }
        var jobType: Located<String>?
        if let node = keys["jobType"]?.value, let text = scalar(node, what: "jobType") {
            if text.isEmpty {
                error(ManifestMessage.empty("jobType"), at: node.location)
            } else {
                jobType = Located(text, at: node.location)
            }
        }
        let matrix = keys["matrix"].map { self.matrix($0.value) } ?? []
        let exclude = keys["exclude"].map { self.exclude($0.value, matrix: matrix) } ?? []

        let varNames = vars.map(\.name)
        let matrixKeys = matrix.map(\.name)
        let selectorScope = TemplateScope(allowsAgent: false, matrixKeys: matrixKeys, varNames: varNames, allowedEnvironment: decoder.allowedEnvironment)
        let fieldScope = TemplateScope(allowsAgent: true, matrixKeys: matrixKeys, varNames: varNames, allowedEnvironment: decoder.allowedEnvironment)
        let agents = keys["agents"].flatMap { selector($0.value, scope: selectorScope) }

        let location = node.location
        var schedule = defaults.schedule ?? Located(DeclaredSchedule.immediate, at: location)
        if let scheduleNode = keys["schedule"]?.value {
            if let declared = self.schedule(scheduleNode, now: decoder.now) {
                schedule = Located(declared, at: scheduleNode.location)
            }
        }

        var fieldNodes = defaults.fieldNodes
        // A required field left out is missing from the job's own `fields`: at its first key (or at
        // `{}`), and at the job's mapping when it has no `fields`.
        var requiredFieldsLocation = location
        if let fieldsNode = keys["fields"]?.value, let own = namedMapping(fieldsNode, what: "fields") {
            requiredFieldsLocation = own.first?.name.location ?? fieldsNode.location
            fieldNodes = Self.merging(own, over: fieldNodes)
        }
        let fields = fieldNodes.compactMap { field($0.name, $0.value, scope: fieldScope) }

        var sensitiveNames = defaults.sensitive
        if let sensitiveNode = keys["sensitive"]?.value {
            sensitiveNames += self.sensitiveNames(sensitiveNode)
        }
        if !sensitiveNames.isEmpty {
            let fieldNames = fieldNodes.map(\.name.value)
            let fieldNameSet = Set(fieldNames)
            for sensitive in sensitiveNames where !fieldNameSet.contains(sensitive.value) {
                // A misspelt name here would leave a secret in the clear, so say so even though the field
                // may legitimately be one the server fills in.
                warning(ManifestMessage.unknownSensitive(sensitive.value, fields: fieldNames), at: sensitive.location)
            }
        }

        guard errorCount == errorsBefore, let name, let jobType, let agents else { return (nil, name) }
        let job = ManifestJob(
            name: name, jobType: jobType, agents: agents, matrix: matrix, exclude: exclude, schedule: schedule,
            fields: fields, sensitive: Set(sensitiveNames.map(\.value)), location: location,
            requiredFieldsLocation: requiredFieldsLocation)
        return (job, name)
    }

    /// The defaults' fields with a job's own merged over them: an own field replaces the default of
    /// its name where that stands, the others follow in their order.
    static func merging(
        _ own: [(name: Located<String>, value: YAMLNode)], over defaults: [(name: Located<String>, value: YAMLNode)]
    ) -> [(name: Located<String>, value: YAMLNode)] {
        guard !defaults.isEmpty else { return own }
        var merged = defaults
        merged.reserveCapacity(defaults.count + own.count)
        // A job's own names are distinct (a repeated key is a YAML error), so only the defaults' names
        // are looked up: by a scan when they are few (a manifest's usual handful), else by a dictionary,
        // so that very many fields still merge in linear time.
        var indexByName: [String: Int]?
        if defaults.count > 8 {
            indexByName = Dictionary(defaults.enumerated().map { ($0.element.name.value, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
        for entry in own {
            let index = indexByName.map { $0[entry.name.value] }
                ?? defaults.firstIndex { $0.name.value == entry.name.value }
            if let index {
                merged[index] = entry
            } else {
                merged.append(entry)
            }
        }
        return merged
    }

    private mutating func field(_ name: Located<String>, _ value: YAMLNode, scope: TemplateScope) -> ManifestField? {
        let location = value.location
        if value.isNull {
            error(ManifestMessage.nullField(name.value), at: location)
            return nil
        }
        guard let text = value.text else {
            error(ManifestMessage.nonScalarField(name.value, found: value.kindDescription), at: location)
            return nil
        }
        if InitPlaceholder.isPlaceholder(text) {
            error(ManifestMessage.placeholderField(name.value, text: text), at: location)
            return nil
        }
        guard let template = template(text, at: location, scope: scope) else { return nil }
        return ManifestField(name: name, value: template.value, valueLocation: location)
    }

    private mutating func matrix(_ node: YAMLNode) -> [MatrixAxis] {
        guard let pairs = namedMapping(node, what: "matrix") else { return [] }
        if pairs.isEmpty {
            error(ManifestMessage.emptyMatrix(), at: node.location)
            return []
        }
        var axes: [MatrixAxis] = []
        for (name, valueNode) in pairs {
            guard Self.isValidIdentifier(name.value) else {
                error(ManifestMessage.invalidIdentifier(name.value, of: "matrix key"), at: name.location)
                continue
            }
            guard let items = sequence(valueNode, what: "matrix.\(name.value)") else { continue }
            var values: [Located<String>] = []
            var firstByValue: [String: SourceLocation] = [:]
            for item in items {
                guard let text = scalar(item, what: "a matrix value") else { continue }
                if let first = firstByValue[text] {
                    error(ManifestMessage.duplicateMatrixValue(text, key: name.value), at: item.location,
                        notes: [.init(ManifestMessage.firstDefinedHere, at: first)])
                    continue
                }
                firstByValue[text] = item.location
                values.append(Located(text, at: item.location))
            }
            axes.append(MatrixAxis(name: name.value, values: values))
        }
        // A product grows fast; a typo such as a pasted list must not expand into millions of jobs.
        var combinations = 1
        for axis in axes {
            let (product, overflow) = combinations.multipliedReportingOverflow(by: axis.values.count)
            combinations = overflow ? Int.max : product
        }
        if combinations > Self.maxMatrixCombinations {
            error(ManifestMessage.matrixTooLarge(combinations, limit: Self.maxMatrixCombinations), at: node.location)
            return []
        }
        return axes
    }

    private mutating func exclude(_ node: YAMLNode, matrix: [MatrixAxis]) -> [[String: String]] {
        guard let items = sequence(node, what: "exclude", nonEmpty: false) else { return [] }
        if matrix.isEmpty && !items.isEmpty {
            error(ManifestMessage.excludeWithoutMatrix(), at: node.location)
            return []
        }
        // Every combination is checked against every entry: keep that product bounded.
        guard items.count <= Self.maxExcludeEntries else {
            error(ManifestMessage.excludeTooLong(items.count, limit: Self.maxExcludeEntries), at: node.location)
            return []
        }
        let keys = matrix.map(\.name)
        let valueSets = Dictionary(matrix.map { ($0.name, Set($0.values.map(\.value))) }, uniquingKeysWith: { first, _ in first })
        var result: [[String: String]] = []
        for item in items {
            guard let pairs = namedMapping(item, what: "an exclude entry") else { continue }
            if pairs.isEmpty {
                error(ManifestMessage.emptyExclude(), at: item.location)
                continue
            }
            var entry: [String: String] = [:]
            for (key, valueNode) in pairs {
                guard let axis = matrix.first(where: { $0.name == key.value }) else {
                    error(ManifestMessage.excludeUnknownKey(key.value, keys: keys), at: key.location)
                    continue
                }
                guard let value = scalar(valueNode, what: "exclude.\(key.value)") else { continue }
                guard valueSets[axis.name]?.contains(value) == true else {
                    error(ManifestMessage.excludeUnknownValue(value, key: key.value, values: axis.values.map(\.value)), at: valueNode.location)
                    continue
                }
                entry[key.value] = value
            }
            result.append(entry)
        }
        return result
    }
}
