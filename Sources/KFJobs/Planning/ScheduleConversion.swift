#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

extension Schedule {
    /// What makes two recurring schedules the same schedule: the form and the UTC time of day, not the
    /// first date (which moves with the clock). `nil` for schedules that run once.
    var recurringIdentity: String? {
        func timeOfDay(_ time: Date) -> Int {
            let seconds = Int(time.timeIntervalSince1970.rounded(.down))
            return ((seconds % 86_400) + 86_400) % 86_400 / 60
        }
        switch self {
        case .immediate, .exactlyOnce: return nil
        case .interval(let minutes): return "interval:\(minutes)"
        case .daily(let time): return "daily:\(timeOfDay(time))"
        case .weekly(let days, let time): return "weekly:\(days.sorted()):\(timeOfDay(time))"
        case .monthly(let day, let time): return "monthly:\(day):\(timeOfDay(time))"
        }
    }
}
