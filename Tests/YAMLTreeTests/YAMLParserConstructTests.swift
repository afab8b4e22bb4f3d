import Diagnostics
import TestSupport
import Testing
@testable import YAMLTree

/// The YAML constructs a manifest may use, and where each node is located.
@Suite("YAML constructs")
struct YAMLParserConstructTests {
    private func parse(_ text: String) -> YAMLParseResult {
        YAMLParser.parse(Array(text.utf8), file: "test.yaml")
    }

    private func root(_ text: String) throws -> YAMLNode {
        let result = parse(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.documents.first?.root)
    }

    @Test func blockMappingKeepsOrderAndLocations() throws {
        let marked = MarkedText("1️⃣b: 2️⃣one\n3️⃣a:\n  - 4️⃣x\n  - 5️⃣{k: v}\n")
        let node = try root(marked.text)
        let pairs = try #require(node.mapping)
        #expect(pairs.map(\.key.text) == ["b", "a"])
        #expect(node.location.line == marked["1️⃣"].line && node.location.column == marked["1️⃣"].column)
        #expect(pairs[0].value.location.column == marked["2️⃣"].column)
        #expect(pairs[1].key.location.line == marked["3️⃣"].line)
        let items = try #require(pairs[1].value.sequence)
        #expect(items[0].location.line == marked["4️⃣"].line && items[0].location.column == marked["4️⃣"].column)
        #expect(items[1].location.line == marked["5️⃣"].line && items[1].location.column == marked["5️⃣"].column)
        #expect(items[1]["k"]?.text == "v")
    }

    /// Every node counts, an alias's copy as many times as it is used; `---` alone is one null scalar.
    @Test(arguments: [
        ("a: [1, 2]\nb: {c: d}\n", 9),
        ("x: &x [1, 2]\ny: *x\n", 9),
        ("plain\n", 1),
        ("---\n", 1),
    ])
    func nodeCountCountsEveryNode(text: String, expected: Int) {
        #expect(parse(text).documents.map(\.nodeCount) == [expected])
    }

    @Test func flowCollections() throws {
        let node = try root("{a: [1, 2, {b: c}], d: []}")
        #expect(node["a"]?.sequence?.count == 3)
        #expect(node["a"]?.sequence?[2]["b"]?.text == "c")
        #expect(node["d"]?.sequence?.isEmpty == true)
    }

    @Test(arguments: [
        ("plain", "x: hello world", "hello world", YAMLScalar.Style.plain),
        ("single", "x: 'it''s'", "it's", .singleQuoted),
        ("double", "x: \"tab\\there \\u00e9\"", "tab\there é", .doubleQuoted),
        ("literal", "x: |\n  line one\n  line two\n", "line one\nline two\n", .literal),
        ("folded", "x: >\n  folded\n  text\n", "folded text\n", .folded),
        ("literal strip", "x: |-\n  kept\n", "kept", .literal),
    ])
    func scalarStyles(name: String, text: String, value: String, style: YAMLScalar.Style) throws {
        let scalar = try #require(try root(text)["x"]?.scalar)
        #expect(scalar.text == value)
        #expect(scalar.style == style)
        #expect(!scalar.isNull)
    }

    @Test(arguments: ["NO", "no", "on", "Off", "yes", "0755", "1e3", "1.10", "0x1F", ".inf", "2001-12-14", "true"])
    func scalarsStayTextWithoutImplicitTyping(value: String) throws {
        let node = try root("x: \(value)")
        #expect(node["x"]?.text == value)
        #expect(node["x"]?.isNull == false)
    }

    @Test(arguments: ["x: ~", "x: null", "x: NULL", "x: Null", "x: nUlL", "x:", "x: !!null ''"])
    func nullScalarsAreMarkedButKeepTheirText(text: String) throws {
        let node = try root(text)
        let value = try #require(node["x"])
        #expect(value.isNull)
        let written = text.dropFirst(3).replacingOccurrences(of: "!!null ", with: "")
        #expect(value.text == (written == "''" ? "" : written))
    }

    @Test(arguments: ["x: 'null'", "x: \"~\"", "x: !!str null", "x: nullable"])
    func quotedOrTaggedNullIsNotNull(text: String) throws {
        #expect(try root(text)["x"]?.isNull == false)
    }

    @Test func severalDocumentsInOneStream() throws {
        let marked = MarkedText("a: 1\n1️⃣---\nb: 2\n---\n# only a comment\n2️⃣--- c\n")
        let result = parse(marked.text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.count == 4)
        #expect(result.documents[0].root?["a"]?.text == "1")
        #expect(result.documents[1].root?["b"]?.text == "2")
        #expect(result.documents[1].location.line == marked["1️⃣"].line)
        #expect(result.documents[2].root?.isNull == true)
        #expect(result.documents[3].root?.text == "c")
        #expect(result.documents[3].location.line == marked["2️⃣"].line)
    }

    @Test func anchorsAndAliasesCopyTheNodeLocatedAtTheAlias() throws {
        let marked = MarkedText("base: &b {site: eu, n: 1}\nother: 1️⃣*b\nlist: [&x one, *x]\n")
        let node = try root(marked.text)
        let alias = try #require(node["other"])
        #expect(alias["site"]?.text == "eu")
        #expect(alias.location.line == marked["1️⃣"].line && alias.location.column == marked["1️⃣"].column)
        #expect(node["list"]?.sequence?.map(\.text) == ["one", "one"])
    }

    @Test func commentsAreIgnored() throws {
        let node = try root("# head\na: 1 # trailing\n# between\nb: 2\n")
        #expect(node.mapping?.map(\.key.text) == ["a", "b"])
    }

    @Test func byteOrderMarkAndCRLFLineEnds() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb:\r\n  c: two\r\n".utf8)
        let result = YAMLParser.parse(bytes, file: "crlf.yaml")
        #expect(result.diagnostics.isEmpty)
        let node = try #require(result.documents.first?.root)
        #expect(node["b"]?["c"]?.text == "two")
        #expect(node["b"]?["c"]?.location == SourceLocation(file: "crlf.yaml", line: 3, column: 6))
        #expect(node.location.column == 1)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let marked = MarkedText("clé: 1️⃣été\n")
        let node = try root(marked.text)
        #expect(node["clé"]?.location.column == marked["1️⃣"].column)
        #expect(marked["1️⃣"].column == 6)
    }

    /// The builder keeps the children of every open collection on one stack that grows by doubling and
    /// moves each closed collection's run out: many children at several depths, interleaved, each
    /// must come out whole, in order and at its place.
    @Test(arguments: [1, 63, 64, 65, 300])
    func manyChildrenAtEveryDepthComeOutInOrder(count: Int) throws {
        var text = "outer:\n"
        for index in 0..<count {
            text += "  - name: n\(index)\n    tags: [\((0..<(index % 5)).map { "t\(index)-\($0)" }.joined(separator: ", "))]\n"
            text += "    more: {a: \(index), b: [x\(index), {deep: \"v\(index)\"}]}\n"
        }
        text += "last: done\n"
        let node = try root(text)
        let items = try #require(node["outer"]?.sequence)
        #expect(items.count == count)
        for (index, item) in items.enumerated() {
            #expect(item.location.line == 2 + 3 * index && item.location.column == 5)
            #expect(item["name"]?.text == "n\(index)")
            #expect(item["tags"]?.sequence?.compactMap(\.text) == (0..<(index % 5)).map { "t\(index)-\($0)" })
            #expect(item["more"]?["a"]?.text == "\(index)")
            let list = item["more"]?["b"]?.sequence
            #expect(list?.first?.text == "x\(index)" && list?.last?["deep"]?.text == "v\(index)")
        }
        #expect(node["last"]?.text == "done")
        #expect(node.mapping?.map(\.key.text) == ["outer", "last"])
    }

    @Test func emptyStreamAndCommentOnlyStreamHaveNoDocuments() {
        #expect(parse("").documents.isEmpty)
        #expect(parse("# nothing here\n\n# at all\n").documents.isEmpty)
        #expect(parse("").diagnostics.isEmpty)
    }

    @Test func sourceLineLookup() {
        let source = YAMLSource(name: "s.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("one\r\ntwo\nthree".utf8))
        #expect(source.line(1) == "one")
        #expect(source.line(2) == "two")
        #expect(source.line(3) == "three")
        #expect(source.line(4) == nil)
    }
}
