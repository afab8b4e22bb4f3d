import Diagnostics

/// Turns libyaml's event stream into documents of located nodes, without recursion.
///
/// Open sequences and mappings live on an explicit stack, so the depth of an input is bounded by
/// ``YAMLLimits/maxDepth`` and never by the thread's stack.
struct YAMLTreeBuilder: ~Copyable {
    let file: String
    let limits: YAMLLimits
    private(set) var documents: [YAMLDocument] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var isFinished = false

    private var stack: [OpenCollection] = []
    /// The finished children of every open collection, the innermost's last: a sequence's items, or a
    /// mapping's keys and values in turn. A collection's children become one array of their size when it
    /// closes, instead of each collection growing arrays of its own as they come.
    private var children = NodeStack()
    private var anchors: [String: Sized] = [:]
    private var aliasNodes = 0
    private var documentLocation: SourceLocation?
    private var root: Sized?

    /// The context every untagged node of this input shares.
    private let plainContext: NodeContext

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
        plainContext = NodeContext.interned(file: file, tag: nil, wideLocation: nil)
    }

    /// A node and the number of nodes in it, which is what an alias to it costs.
    private struct Sized {
        var node: YAMLNode
        var size: Int
    }

    /// A sequence or mapping whose end event has not come yet.
    private struct OpenCollection {
        var isMapping: Bool
        var mark: SourceLocation0
        var tag: String?
        var anchor: String?
        /// Where its children start in ``YAMLTreeBuilder/children``.
        var start: Int
        /// Where each key was first defined, once the mapping has ``keyIndexThreshold`` pairs; a
        /// smaller mapping (nearly all of them) is searched, which is cheaper than hashing.
        var keyIndex: [KeyIdentity: SourceLocation]?
        var size = 1
    }

    /// Where `key` was first defined in the innermost mapping, if it already was; records it as defined.
    private mutating func firstDefinition(ofKey key: borrowing YAMLNode) -> SourceLocation? {
        let top = stack.count - 1
        let keys = stride(from: stack[top].start, to: children.count, by: 2)
        if stack[top].keyIndex == nil, keys.underestimatedCount >= Self.keyIndexThreshold {
            var index: [KeyIdentity: SourceLocation] = [:]
            for keyIndex in keys {
                let identity = Self.identity(of: children[keyIndex])
                if index[identity] == nil { index[identity] = children[keyIndex].location }
            }
            stack[top].keyIndex = index
        }
        if stack[top].keyIndex != nil {
            let identity = Self.identity(of: key)
            if let first = stack[top].keyIndex?[identity] { return first }
            stack[top].keyIndex?[identity] = key.location
            return nil
        }
        // A scalar key (nearly all) is compared with the scalars' texts in place: making its identity
        // costs a reference count per key, 4% of those left in a large manifest's parse.
        if case .scalar(let scalar) = key.content {
            return keys.first { children[$0].scalar?.text == scalar.text }.map { children[$0].location }
        }
        let identity = Self.identity(of: key)
        return keys.first { Self.node(children[$0], has: identity) }.map { children[$0].location }
    }

    /// The number of pairs from which a mapping's keys are looked up in a dictionary.
    static let keyIndexThreshold = 32

    /// The most diagnostics one input gets: past this the input is hopeless, and reading on would only
    /// spend time and memory on a hostile file's millionth duplicate key.
    static let maxDiagnostics = DiagnosticCollector.limit

    mutating func fail(with diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        isFinished = true
    }

    private mutating func report(_ diagnostic: @autoclosure () -> Diagnostic) {
        guard diagnostics.count < Self.maxDiagnostics else {
            let location = diagnostic().location
            fail(with: .error(.tooManyProblems(limit: Self.maxDiagnostics), at: location))
            return
        }
        diagnostics.append(diagnostic())
    }

    mutating func consume(_ event: consuming YAMLEvent) {
        switch consume event {
        case .streamStart:
            break
        case .streamEnd:
            isFinished = true
        case .documentStart(let mark):
            documentLocation = mark.located(in: file)
            root = nil
            // Anchors are per document; the alias budget is not, or a file of many documents could
            // each spend it in full.
            anchors = [:]
        case .documentEnd:
            let location = documentLocation ?? SourceLocation(file: file, line: 1, column: 1)
            documents.append(YAMLDocument(root: root?.node, at: location))
            root = nil
        case let .scalar(value, style, tag, anchor, mark):
            checkTag(tag, at: mark)
            let isNull = tag == CoreTag.null || (tag == nil && style == .plain && Self.spellsNull(value))
            let node = makeNode(.scalar(YAMLScalar(text: value, style: style, isNull: isNull)), at: mark, tag: tag)
            complete(node, size: 1, anchor: anchor)
        case let .alias(name, mark):
            resolveAlias(name, at: mark.located(in: file))
        case let .sequenceStart(tag, anchor, mark):
            open(isMapping: false, tag: tag, anchor: anchor, at: mark)
        case let .mappingStart(tag, anchor, mark):
            open(isMapping: true, tag: tag, anchor: anchor, at: mark)
        case .sequenceEnd, .mappingEnd:
            close()
        }
    }

    private static func spellsNull(_ text: String) -> Bool {
        // Every plain scalar comes through here: lower-case (a new string) only what could be "null".
        text.isEmpty || text == "~" || (text.utf8.count == 4 && text.lowercased() == "null")
    }

    private mutating func checkTag(_ tag: String?, at mark: SourceLocation0) {
        guard let tag, !CoreTag.allowed.contains(tag) else { return }
        let location = mark.located(in: file)
        report(.error(.unsupportedTag(CoreTag.shortForm(tag)), at: location))
    }

    /// A node at `mark`: an untagged one (nearly all) shares the input's context without a location
    /// being made for it.
    private func makeNode(_ content: consuming YAMLNode.Content, at mark: SourceLocation0, tag: String?) -> YAMLNode {
        if tag == nil, let line = Int32(exactly: mark.line + 1), let column = Int32(exactly: mark.column + 1) {
            return YAMLNode(content, line: line, column: column, context: plainContext)
        }
        return YAMLNode(content, at: mark.located(in: file), tag: tag, sharing: plainContext)
    }

    private mutating func open(isMapping: Bool, tag: String?, anchor: String?, at mark: SourceLocation0) {
        guard stack.count < limits.maxDepth else {
            fail(with: .error(.tooDeep(limit: limits.maxDepth), at: mark.located(in: file)))
            return
        }
        checkTag(tag, at: mark)
        stack.append(OpenCollection(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor, start: children.count))
    }

    private mutating func close() {
        guard let collection = stack.popLast() else { return }
        // libyaml gives every key a value (an empty scalar when none was written).
        let content: YAMLNode.Content =
            collection.isMapping ? .mapping(children.popPairs(from: collection.start)) : .sequence(children.popItems(from: collection.start))
        let node = makeNode(content, at: collection.mark, tag: collection.tag)
        complete(node, size: collection.size, anchor: collection.anchor)
    }

    private mutating func resolveAlias(_ name: String, at location: SourceLocation) {
        guard var target = anchors[name] else {
            report(.error(.unknownAlias(name), at: location))
            let placeholder = YAMLNode(.scalar(YAMLScalar(text: "", style: .plain, isNull: true)), at: location, tag: nil, sharing: plainContext)
            complete(placeholder, size: 1, anchor: nil)
            return
        }
        aliasNodes += target.size
        guard aliasNodes <= limits.maxAliasNodes else {
            fail(with: .error(.aliasBudgetExceeded(limit: limits.maxAliasNodes), at: location))
            return
        }
        // The copy is located at the alias, so that a problem in it points where the user used it.
        target.node.location = location
        complete(target.node, size: target.size, anchor: nil)
    }

    /// Attaches a finished node of `size` nodes to its parent (or makes it the document's root).
    private mutating func complete(_ node: consuming YAMLNode, size: Int, anchor: String?) {
        if let anchor { anchors[anchor] = Sized(node: copy node, size: size) }
        // The parent is changed where it lies on the stack: moving it off and back costs more than
        // the rest of this function.
        let top = stack.count - 1
        guard top >= 0 else {
            root = Sized(node: node, size: size)
            return
        }
        stack[top].size += size
        // In a mapping, a node after an even number of children is a key.
        if stack[top].isMapping, (children.count - stack[top].start) % 2 == 0 {
            if let first = firstDefinition(ofKey: node) {
                report(.error(
                    .duplicateKey(Self.shortText(of: node)), at: node.location,
                    notes: [Diagnostic.Note(.firstDefinedHere, at: first)]
                ))
            }
        }
        // The node is moved, not copied, into the parent's children: this is its last use here.
        children.append(node)
    }

    /// A key as a message shows it: a scalar's text, a collection in flow style, cut after `limit`
    /// characters (a key made of aliases may be large).
    static func shortText(of node: YAMLNode, limit: Int = 60) -> String {
        if let text = node.text { return text }
        enum Piece { case node(YAMLNode), text(String) }
        var output = ""
        var pending: [Piece] = [.node(node)]
        while let next = pending.popLast(), output.count <= limit {
            switch next {
            case .text(let text):
                output += text
            case .node(let node):
                switch node.content {
                case .scalar(let scalar):
                    output += scalar.text
                case .sequence(let items):
                    output += "["
                    pending.append(.text("]"))
                    for (index, item) in items.enumerated().reversed() {
                        pending.append(.node(item))
                        if index > 0 { pending.append(.text(", ")) }
                    }
                case .mapping(let pairs):
                    output += "{"
                    pending.append(.text("}"))
                    for (index, pair) in pairs.enumerated().reversed() {
                        pending.append(.node(pair.value))
                        pending.append(.text(": "))
                        pending.append(.node(pair.key))
                        if index > 0 { pending.append(.text(", ")) }
                    }
                }
            }
        }
        return output.count > limit ? String(output.prefix(limit)) + "…" : output
    }

    /// What makes two keys the same key: scalars by their text (whatever their style), collections by
    /// their content.
    fileprivate enum KeyIdentity: Hashable, CustomStringConvertible {
        case scalar(String)
        case collection(String)

        var description: String {
            switch self {
            case .scalar(let text), .collection(let text): text
            }
        }
    }

    /// Whether `node`'s identity is `identity`, without making a scalar's.
    fileprivate static func node(_ node: YAMLNode, has identity: KeyIdentity) -> Bool {
        switch (identity, node.content) {
        case (.scalar(let text), .scalar(let scalar)): scalar.text == text
        case (.scalar, _), (.collection, .scalar): false
        case (.collection, _): Self.identity(of: node) == identity
        }
    }

    fileprivate static func identity(of node: YAMLNode) -> KeyIdentity {
        // Nearly every key is a scalar: its text is its identity, with nothing to build.
        if let scalar = node.scalar { return .scalar(scalar.text) }
        return .collection(collectionIdentity(of: node))
    }

    private static func collectionIdentity(of node: YAMLNode) -> String {
        var output = ""
        var pending: [YAMLNode] = [node]
        // Iterative, like the builder: a key's depth is bounded by the limit but needs no recursion.
        while let next = pending.popLast() {
            switch next.content {
            case .scalar(let scalar):
                output += "s\(scalar.text.utf8.count):\(scalar.text)"
            case .sequence(let items):
                output += "q\(items.count)["
                pending.append(contentsOf: items.reversed())
            case .mapping(let pairs):
                output += "m\(pairs.count){"
                pending.append(contentsOf: pairs.reversed().flatMap { [$0.value, $0.key] })
            }
        }
        return output
    }
}

/// The tags YAML's core schema defines; any other tag is refused.
enum CoreTag {
    static let prefix = "tag:yaml.org,2002:"
    static let null = prefix + "null"
    static let allowed: Set<String> = Set(["str", "int", "float", "bool", "null", "map", "seq"].map { prefix + $0 }).union(["!"])

    static func shortForm(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
