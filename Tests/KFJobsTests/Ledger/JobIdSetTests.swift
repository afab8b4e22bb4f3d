import Testing
import TestSupport
@testable import KFJobs

/// JobIds as the ledger keeps them: GUIDs as 128 bits in an open-addressing table, anything else as
/// lower-cased text, against a plain `Set` of lower-cased strings.
@Suite struct JobIdSetTests {
    static func guidText(_ random: inout SplitMix64, upper: Bool) -> String {
        let hex = Array(upper ? "0123456789ABCDEF" : "0123456789abcdef")
        let groups = [8, 4, 4, 4, 12].map { count in String((0..<count).map { _ in hex[Int(random.next() % 16)] }) }
        return groups.joined(separator: "-")
    }

    /// Thousands of JobIds (GUIDs in either case, repeated ones, the all-zero GUID, other shapes):
    /// the same members as the reference, in and out, whatever the growth of the table.
    @Test(arguments: [1, 2] as [UInt64])
    func holdsWhatASetOfLowerCasedTextHolds(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var set = JobIdSet()
        var reference = Set<String>()
        var inserted: [String] = []
        for index in 0..<20_000 {
            let jobId: String
            switch random.next() % 10 {
            case 0 where !inserted.isEmpty: jobId = inserted[Int(random.next() % UInt64(inserted.count))].uppercased()
            case 1: jobId = "00000000-0000-0000-0000-000000000000"
            case 2: jobId = "job-\(random.next() % 500)"
            default: jobId = Self.guidText(&random, upper: index % 3 == 0)
            }
            if index % 2 == 0 {
                set.insert(jobId)
            } else {
                var bytes = Array(jobId.utf8)
                bytes.withUnsafeMutableBufferPointer { set.insert(utf8: UnsafeBufferPointer($0)) }
            }
            reference.insert(jobId.lowercased())
            inserted.append(jobId)
        }
        #expect(set.count == reference.count)
        #expect(inserted.allSatisfy { set.contains($0) && set.contains($0.uppercased()) })
        for _ in 0..<2_000 {
            let absent = Self.guidText(&random, upper: false)
            #expect(set.contains(absent) == reference.contains(absent))
        }
        #expect(!set.contains("job-500") && !set.contains("00000000-0000-0000-0000-000000000001"))
    }

    /// Equal sets are equal and hash alike, whatever order their members came in.
    @Test func equalityAndHashDoNotDependOnOrder() {
        var random = SplitMix64(seed: 9)
        let jobIds = (0..<300).map { _ in Self.guidText(&random, upper: false) } + ["job-1", "00000000-0000-0000-0000-000000000000"]
        let forwards = JobIdSet(jobIds)
        let backwards = JobIdSet(jobIds.reversed().map { $0.uppercased() })
        #expect(forwards == backwards)
        #expect(forwards.hashValue == backwards.hashValue)
        var fewer = JobIdSet(jobIds.dropLast(3))
        #expect(fewer != forwards)
        fewer.formUnion(backwards)
        #expect(fewer == forwards)
        #expect(JobIdSet(["job-1"]) != JobIdSet(["job-2"]))
    }

    /// A GUID is exactly 8-4-4-4-12 hexadecimal digits: one byte out of place at any position makes
    /// the text an ordinary JobId, compared as text (so a near-miss never matches the GUID).
    @Test func aGUIDIsExactlyItsShape() {
        let guid = "0b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e71"
        var bytes = Array(guid.utf8)
        #expect(bytes.withUnsafeBufferPointer { GUID($0) } != nil)
        #expect(GUID(guid.uppercased()) == GUID(guid))
        for position in bytes.indices {
            let isDash = [8, 13, 18, 23].contains(position)
            for replacement in isDash ? Array("0aF_".utf8) : Array("-gG/:@`\u{7F}".utf8) + [0x80, 0x00] {
                let original = bytes[position]
                bytes[position] = replacement
                #expect(bytes.withUnsafeBufferPointer { GUID($0) } == nil, "\(String(decoding: bytes, as: UTF8.self))")
                bytes[position] = original
            }
        }
        #expect(GUID(guid + "0") == nil && GUID(String(guid.dropLast())) == nil)
        let set: JobIdSet = [guid]
        #expect(!set.contains("0b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e7g") && !set.contains("0b6c5c2e_3f7a-4d3e-9a53-1d2f4b9c8e71"))
    }
}
