import NIOConcurrencyHelpers

/// Hands out units whose lanes are all free, so that two requests for one (agent, job type) are
/// never in flight together even when a bulk group spans many lanes.
///
/// Units start in order, per lane: a unit waits while an earlier unit sharing one of its lanes is
/// running or still waiting, so no unit overtakes another on the same lane.
final class LaneScheduler: Sendable {
    private struct State {
        var pending: [SubmissionUnit]
        var busy: Set<String> = []
    }

    private let state: NIOLockedValueBox<State>
    let count: Int

    init(_ units: [SubmissionUnit]) {
        state = NIOLockedValueBox(State(pending: units))
        count = units.count
    }

    /// The first unit that may start now, with its lanes taken; `nil` if every pending unit waits.
    func take() -> SubmissionUnit? {
        state.withLockedValue { state in
            var claimed = state.busy
            for (index, unit) in state.pending.enumerated() {
                if unit.laneKeys.isDisjoint(with: claimed) {
                    state.pending.remove(at: index)
                    state.busy.formUnion(unit.laneKeys)
                    return unit
                }
                claimed.formUnion(unit.laneKeys)
            }
            return nil
        }
    }

    /// Frees the lanes of a finished unit.
    func release(_ unit: SubmissionUnit) {
        state.withLockedValue { $0.busy.subtract(unit.laneKeys) }
    }
}
