import Diagnostics
import LocatedDecoding
import YAMLTree

/// A manifest's `defaults`, before they are merged into each job.
struct ManifestDefaults {
    var schedule: Located<DeclaredSchedule>?
    var fields: [ManifestField] = []
    var fieldNodes: [(name: Located<String>, value: YAMLNode)] = []
    var sensitive: [Located<String>] = []
}

extension ManifestDecoding {
    static let manifestKeys = ["apiVersion", "kind", "metadata", "vars", "defaults", "jobs"]

    /// One document as a manifest, and its name when that much could be read (for the uniqueness check
    /// across inputs, which applies even to a manifest with other errors).
    ///
    /// `root` is consumed: each job's nodes are released as soon as the job is decoded, so that when
    /// the caller gave up its tree, the tree and the decoded manifest are never both in memory whole.
    mutating func manifest(_ root: consuming YAMLNode, at location: SourceLocation, decoder: ManifestDecoder) -> (Manifest?, Located<String>?) {
        guard root.mapping != nil else {
            error(DecodingMessage.wrongShape("a manifest", expected: "a mapping", found: root.kindDescription), at: root.location)
            return (nil, nil)
        }
        // Another kind of document (a simulator fleet, say) is not a manifest with many mistakes: say only that.
        if let node = root["kind"], let text = node.text, !node.isNull, text != "JobManifest" {
            error(ManifestMessage.kind(text), at: node.location)
            return (nil, nil)
        }
        guard var keys = mapping(root, what: "a manifest", context: "the manifest", known: Self.manifestKeys,
            required: ["apiVersion", "kind", "metadata", "jobs"])
        else { return (nil, nil) }
        // The root's pairs hold the jobs too: let go of them, so that `keys` alone holds the tree.
        root.content = .mapping([])

        if let node = keys["apiVersion"]?.value, let text = scalar(node, what: "apiVersion"), text != "kfjobs/v1" {
            error(ManifestMessage.apiVersion(text), at: node.location)
        }
        if let node = keys["kind"]?.value {
            _ = scalar(node, what: "kind")
        }

        var name: Located<String>?
        var description: String?
        if let node = keys["metadata"]?.value,
            let metadata = mapping(node, what: "metadata", context: "metadata", known: ["name", "description"], required: ["name"])
        {
            name = metadata["name"].flatMap { self.name($0.value, what: "metadata.name") }
            description = metadata["description"].flatMap { scalar($0.value, what: "metadata.description") }
        }

        let vars = keys["vars"].map { variables($0.value) } ?? []
        let defaults = keys["defaults"].map { self.defaults($0.value, vars: vars, decoder: decoder) } ?? ManifestDefaults()

        var jobs: [ManifestJob] = []
        var jobsNode = keys["jobs"]?.value
        keys.removeAll()
        // Only `items` may hold the list once the loop starts (not the node it came from), or taking
        // each job out would copy the list instead of freeing the job.
        var list: [YAMLNode]?
        if let node = jobsNode.take() { list = sequence(node, what: "jobs") }
        if var items = list.take() {
            var firstByName: [String: SourceLocation] = [:]
            jobs.reserveCapacity(items.count)
            // Each job is taken out of the list before it is decoded, so that its nodes are freed
            // after it (when nothing else holds the tree, which is the loader's case).
            let taken = YAMLNode(.sequence([]), at: location)
            for index in items.indices {
                let item = items[index]
                items[index] = taken
                let (job, jobName) = self.job(item, manifestName: name?.value, vars: vars, defaults: defaults, decoder: decoder)
                if let jobName {
                    if let first = firstByName[jobName.value] {
                        error(ManifestMessage.duplicateJob(jobName.value), at: jobName.location,
                            notes: [.init(ManifestMessage.firstDefinedHere, at: first)])
                    } else {
                        firstByName[jobName.value] = jobName.location
                    }
                }
                if let job { jobs.append(job) }
            }
        }

        guard let name else { return (nil, nil) }
        return (Manifest(name: name, description: description, vars: vars, jobs: jobs, location: location), name)
    }

    private mutating func variables(_ node: YAMLNode) -> [ManifestVariable] {
        guard let pairs = namedMapping(node, what: "vars") else { return [] }
        var result: [ManifestVariable] = []
        for (name, value) in pairs {
            guard Self.isValidIdentifier(name.value) else {
                error(ManifestMessage.invalidIdentifier(name.value, of: "variable"), at: name.location)
                continue
            }
            guard let text = scalar(value, what: "vars.\(name.value)") else { continue }
            result.append(ManifestVariable(name: name.value, value: Located(text, at: value.location)))
        }
        return result
    }

    private mutating func defaults(_ node: YAMLNode, vars: [ManifestVariable], decoder: ManifestDecoder) -> ManifestDefaults {
        var defaults = ManifestDefaults()
        guard let keys = mapping(node, what: "defaults", context: "defaults", known: ["schedule", "fields", "sensitive"]) else {
            return defaults
        }
        if let node = keys["schedule"]?.value, let schedule = schedule(node, now: decoder.now) {
            defaults.schedule = Located(schedule, at: node.location)
        }
        if let node = keys["fields"]?.value {
            // Checked against each job's scope when merged, since `${matrix.*}` depends on the job.
            defaults.fieldNodes = namedMapping(node, what: "fields") ?? []
        }
        if let node = keys["sensitive"]?.value {
            defaults.sensitive = sensitiveNames(node)
        }
        return defaults
    }

    mutating func sensitiveNames(_ node: YAMLNode) -> [Located<String>] {
        guard let items = sequence(node, what: "sensitive", nonEmpty: false) else { return [] }
        return items.compactMap { item in scalar(item, what: "a sensitive field name").map { Located($0, at: item.location) } }
    }
}
