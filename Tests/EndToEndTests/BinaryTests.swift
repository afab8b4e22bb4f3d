import BinaryTestSupport
import TestSupport
import Testing

/// The suites that run the built binary against simulators, one test at a time: each starts
/// processes and servers, and running them side by side on a small machine only measures contention.
@Suite(.serialized, .stopsHarnesses, .pythonCheckers) enum BinaryTests {}
