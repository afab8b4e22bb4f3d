import Diagnostics

/// Turns libyaml's event stream into documents of located nodes, without recursion.
///
/// Open sequences and mappings live on an explicit stack, so the depth of an input is bounded by
/// ``YAMLLimits/maxDepth`` and never by the thread's stack.
struct YAMLTreeBuilder {
    let file: String
    let limits: YAMLLimits
    private(set) var documents: [YAMLDocument] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var isFinished = false

    private var stack: [OpenCollection] = []
    /// The finished children of every open collection, the innermost's last: a sequence's items, or a
    /// mapping's keys and values in turn. A collection's children become one array of their size when it
    /// closes, instead of each collection growing arrays of its own as they come.
    private var children: [YAMLNode] = []
    private var anchors: [String: Sized] = [:]
    private var aliasNodes = 0
    private var documentLocation: SourceLocation?
    private var root: Sized?

    /// The context every untagged node of this input shares.
    private let plainContext: NodeContext

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
        plainContext = NodeContext(file: file, tag: nil)
    }

    /// A node and the number of nodes in it, which is what an alias to it costs.
    private struct Sized {
        var node: YAMLNode
        var size: Int
    }

    /// A sequence or mapping whose end event has not come yet.
    private struct OpenCollection {
        var isMapping: Bool
        var location: SourceLocation
        var tag: String?
        var anchor: String?
        /// Where its children start in ``YAMLTreeBuilder/children``.
        var start: Int
        /// Where each key was first defined, once the mapping has ``keyIndexThreshold`` pairs; a
        /// smaller mapping (nearly all of them) is searched, which is cheaper than hashing.
        var keyIndex: [KeyIdentity: SourceLocation]?
        var size = 1
    }

    /// Where a key with `identity` was first defined in the innermost mapping, if it already was; records
    /// the key as defined.
    private mutating func firstDefinition(of identity: KeyIdentity, at location: SourceLocation) -> SourceLocation? {
        let top = stack.count - 1
        let keys = stride(from: stack[top].start, to: children.count, by: 2)
        if stack[top].keyIndex == nil, keys.underestimatedCount >= Self.keyIndexThreshold {
            var index: [KeyIdentity: SourceLocation] = [:]
            for keyIndex in keys where index[Self.identity(of: children[keyIndex])] == nil {
                index[Self.identity(of: children[keyIndex])] = children[keyIndex].location
            }
            stack[top].keyIndex = index
        }
        if stack[top].keyIndex != nil {
            if let first = stack[top].keyIndex?[identity] { return first }
            stack[top].keyIndex?[identity] = location
            return nil
        }
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

    mutating func consume(_ event: YAMLEvent) {
        switch event {
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
            let location = mark.located(in: file)
            checkTag(tag, at: location)
            let isNull = tag == CoreTag.null || (tag == nil && style == .plain && Self.spellsNull(value))
            let node = YAMLNode(.scalar(YAMLScalar(text: value, style: style, isNull: isNull)), at: location, tag: tag, sharing: plainContext)
            complete(Sized(node: node, size: 1), anchor: anchor)
        case let .alias(name, mark):
            resolveAlias(name, at: mark.located(in: file))
        case let .sequenceStart(tag, anchor, mark):
            open(isMapping: false, tag: tag, anchor: anchor, at: mark.located(in: file))
        case let .mappingStart(tag, anchor, mark):
            open(isMapping: true, tag: tag, anchor: anchor, at: mark.located(in: file))
        case .sequenceEnd, .mappingEnd:
            close()
        }
    }

    private static func spellsNull(_ text: String) -> Bool {
        // Every plain scalar comes through here: lower-case (a new string) only what could be "null".
        text.isEmpty || text == "~" || (text.utf8.count == 4 && text.lowercased() == "null")
    }

    private mutating func checkTag(_ tag: String?, at location: SourceLocation) {
        guard let tag, !CoreTag.allowed.contains(tag) else { return }
        report(.error(.unsupportedTag(CoreTag.shortForm(tag)), at: location))
    }

    private mutating func open(isMapping: Bool, tag: String?, anchor: String?, at location: SourceLocation) {
        guard stack.count < limits.maxDepth else {
            fail(with: .error(.tooDeep(limit: limits.maxDepth), at: location))
            return
        }
        checkTag(tag, at: location)
        stack.append(OpenCollection(isMapping: isMapping, location: location, tag: tag, anchor: anchor, start: children.count))
    }

    private mutating func close() {
        guard let collection = stack.popLast() else { return }
        let content: YAMLNode.Content
        if collection.isMapping {
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity((children.count - collection.start) / 2)
            // libyaml gives every key a value (an empty scalar when none was written).
            for keyIndex in stride(from: collection.start, to: children.count - 1, by: 2) {
                pairs.append(YAMLPair(key: children[keyIndex], value: children[keyIndex + 1]))
            }
            content = .mapping(pairs)
        } else {
            content = .sequence(Array(children[collection.start...]))
        }
        children.removeSubrange(collection.start...)
        let node = YAMLNode(content, at: collection.location, tag: collection.tag, sharing: plainContext)
        complete(Sized(node: node, size: collection.size), anchor: collection.anchor)
    }

    private mutating func resolveAlias(_ name: String, at location: SourceLocation) {
        guard var target = anchors[name] else {
            report(.error(.unknownAlias(name), at: location))
            let placeholder = YAMLNode(.scalar(YAMLScalar(text: "", style: .plain, isNull: true)), at: location, tag: nil, sharing: plainContext)
            complete(Sized(node: placeholder, size: 1), anchor: nil)
            return
        }
        aliasNodes += target.size
        guard aliasNodes <= limits.maxAliasNodes else {
            fail(with: .error(.aliasBudgetExceeded(limit: limits.maxAliasNodes), at: location))
            return
        }
        // The copy is located at the alias, so that a problem in it points where the user used it.
        target.node.location = location
        complete(target, anchor: nil)
    }

    /// Attaches a finished node to its parent (or makes it the document's root).
    private mutating func complete(_ sized: consuming Sized, anchor: String?) {
        if let anchor { anchors[anchor] = copy sized }
        // The parent is changed where it lies on the stack: moving it off and back costs more than
        // the rest of this function.
        let top = stack.count - 1
        guard top >= 0 else {
            root = sized
            return
        }
        stack[top].size += sized.size
        // In a mapping, a node after an even number of children is a key.
        if stack[top].isMapping, (children.count - stack[top].start) % 2 == 0 {
            let identity = Self.identity(of: sized.node)
            if let first = firstDefinition(of: identity, at: sized.node.location) {
                report(.error(
                    .duplicateKey(Self.shortText(of: sized.node)), at: sized.node.location,
                    notes: [Diagnostic.Note(.firstDefinedHere, at: first)]
                ))
            }
        }
        // The node is moved, not copied, into the parent's children: this is its last use here.
        children.append((consume sized).node)
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
