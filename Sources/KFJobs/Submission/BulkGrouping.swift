import KeyfactorWire

/// Identical plain submissions for different agents, sent as one bulk request.
public struct BulkGroup: Sendable, Hashable {
    /// The jobs, one per agent, in plan order.
    public var items: [SubmissionItem]
    /// The body that is sent: the shared job type, schedule and fields, and every item's agent.
    public var request: BulkJobRequest
}

/// What the bulk scheduler starts as one piece: a lane of single requests, or a bulk group.
struct SubmissionUnit: Sendable {
    enum Work: Sendable {
        /// Jobs of one (agent, job type), sent alone one after another.
        case lane([SubmissionItem])
        /// Jobs of many agents in one bulk request.
        case bulk(BulkGroup)
    }

    var work: Work
    /// Every (agent, job type) this unit may have a request in flight for.
    var laneKeys: Set<String>
    /// Where its first job stands in the plan, to start units in plan order.
    var firstIndex: Int

    var items: [SubmissionItem] {
        switch work {
        case .lane(let items): items
        case .bulk(let group): group.items
        }
    }
}

/// Splits planned items into bulk groups and lanes of single requests.
enum BulkGrouping {
    /// What makes two requests identical but for their agent.
    private struct Identity: Hashable {
        var jobTypeName: String
        var schedule: Schedule
        var jobFields: [String: String]
    }

    /// Only plain creations go in bulk (submissions, recreations, resubmissions): replacing,
    /// unscheduling and adopting are per job, and an item an earlier run may have created must first
    /// be looked up on its own.
    static func isBulkable(_ item: SubmissionItem) -> Bool {
        item.createsOnly && item.reconcileSince == nil && !item.agentId.isEmpty
    }

    /// Groups of identical bulkable requests, at most `size` agents each, never one agent twice in a
    /// group (a second job for it goes in the next group). Groups of one are left out: they go alone.
    static func groups(of items: [SubmissionItem], size: Int) -> (groups: [BulkGroup], alone: [SubmissionItem]) {
        let size = max(1, size)
        var order: [Identity] = []
        var chunks: [Identity: [[SubmissionItem]]] = [:]
        var alone: [SubmissionItem] = []
        for item in items {
            guard isBulkable(item) else {
                alone.append(item)
                continue
            }
            let identity = Identity(jobTypeName: item.jobTypeName, schedule: item.request.schedule, jobFields: item.request.jobFields)
            if chunks[identity] == nil { order.append(identity) }
            var list = chunks[identity, default: []]
            if let open = list.firstIndex(where: { chunk in chunk.count < size && !chunk.contains { $0.laneKey == item.laneKey } }) {
                list[open].append(item)
            } else {
                list.append([item])
            }
            chunks[identity] = list
        }
        var groups: [BulkGroup] = []
        for identity in order {
            for chunk in chunks[identity] ?? [] {
                guard chunk.count > 1 else {
                    alone.append(contentsOf: chunk)
                    continue
                }
                let request = BulkJobRequest(
                    orchestratorIds: chunk.map(\.agentId), jobTypeName: identity.jobTypeName, schedule: identity.schedule,
                    jobFields: identity.jobFields)
                groups.append(BulkGroup(items: chunk, request: request))
            }
        }
        return (groups, alone)
    }

    /// The units the bulk scheduler runs, in plan order: bulk groups, and lanes for the rest.
    static func units(of items: [SubmissionItem], size: Int) -> [SubmissionUnit] {
        var position: [SubmissionItem: Int] = [:]
        for (index, item) in items.enumerated() where position[item] == nil { position[item] = index }
        let (groups, alone) = groups(of: items, size: size)
        var units = groups.map { group in
            SubmissionUnit(
                work: .bulk(group), laneKeys: Set(group.items.map(\.laneKey)),
                firstIndex: group.items.compactMap { position[$0] }.min() ?? 0)
        }
        let aloneInOrder = alone.sorted { (position[$0] ?? 0) < (position[$1] ?? 0) }
        for lane in SubmissionEngine.lanes(of: aloneInOrder) {
            units.append(SubmissionUnit(
                work: .lane(lane), laneKeys: Set(lane.map(\.laneKey)), firstIndex: lane.compactMap { position[$0] }.min() ?? 0))
        }
        return units.sorted { $0.firstIndex < $1.firstIndex }
    }
}
