extension DeclaredSchedule {
    /// The schedule as the plan shows it: `immediate`, `every 90m`, `daily 02:30Z`, `weekly mon,fri 02:30Z`.
    public var summary: String {
        switch self {
        case .immediate: "immediate"
        case .interval(let minutes): "every \(minutes)m"
        case .daily(let at): "daily \(at)"
        case .weekly(let days, let at): "weekly \(days.map(\.shortName).joined(separator: ",")) \(at)"
        case .monthly(let day, let at): "monthly day \(day) \(at)"
        case .once(let date): "once \(KeyfactorDate.format(date))"
        }
    }
}

import KFJobsManifest
import KeyfactorWire
