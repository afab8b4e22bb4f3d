/// One combination of a job's matrix: a value for each key, in the matrix's key order.
public struct MatrixCombination: Hashable, Sendable {
    /// One key and its value in a combination.
    public struct Binding: Hashable, Sendable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// In the matrix's key order (source order).
    public var bindings: [Binding]

    public init(_ bindings: [Binding]) {
        self.bindings = bindings
    }

    /// The value of `key`, if the combination binds it.
    public subscript(key: String) -> String? {
        bindings.first { $0.key == key }?.value
    }

    /// Whether every binding of an exclude entry is in this combination.
    func matches(_ exclude: [String: String]) -> Bool {
        exclude.allSatisfy { self[$0.key] == $0.value }
    }
}

extension ManifestJob {
    /// The matrix product minus the excluded combinations, in a fixed order: keys in source order, each
    /// key's values in the order written, the last key varying fastest. A job without a matrix has one
    /// empty combination.
    public var combinations: [MatrixCombination] {
        var product: [[MatrixCombination.Binding]] = [[]]
        for axis in matrix {
            product = product.flatMap { prefix in
                axis.values.map { prefix + [MatrixCombination.Binding(key: axis.name, value: $0.value)] }
            }
        }
        return product.map(MatrixCombination.init).filter { combination in
            !exclude.contains { combination.matches($0) }
        }
    }
}
