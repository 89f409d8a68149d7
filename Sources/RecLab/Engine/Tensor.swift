/// A node in a reverse-mode autodiff graph: a matrix value, its gradient, and how to pass the
/// gradient on to the nodes it was computed from.
///
/// Like micrograd, each op builds its output and its backward closure side by side (see the
/// `Tensor+*.swift` files). The graph is rebuilt on every forward pass and dropped with the loss;
/// parameters are long-lived leaf tensors whose gradients the optimiser reads and clears. A class,
/// because the graph is shared structure; it never leaves the experiment that builds it.
public final class Tensor {
    /// The forward value. Optimisers update parameter values in place.
    public internal(set) var value: Matrix
    /// The accumulated gradient of the loss with respect to `value`; nil until something flows back.
    public internal(set) var grad: Matrix?
    /// Whether gradients flow into this node (true for parameters and anything computed from them).
    public let requiresGrad: Bool
    let parents: [Tensor]
    /// Reads `self.grad` (passed in, to avoid a retain cycle) and accumulates into the parents.
    let backwardStep: ((Tensor) -> Void)?

    /// A leaf: input data (`requiresGrad: false`) or a trainable parameter (`true`).
    public init(_ value: Matrix, requiresGrad: Bool = false) {
        self.value = value
        self.requiresGrad = requiresGrad
        self.parents = []
        self.backwardStep = nil
    }

    /// An op result; it takes part in backprop only if one of its parents does.
    init(_ value: Matrix, parents: [Tensor], backward: @escaping (Tensor) -> Void) {
        self.value = value
        let needed = parents.contains { $0.requiresGrad }
        self.requiresGrad = needed
        self.parents = needed ? parents : []
        self.backwardStep = needed ? backward : nil
    }

    public var rows: Int { value.rows }
    public var cols: Int { value.cols }

    /// The gradient so far, or zeros of the right shape when nothing has flowed back yet.
    var gradOrZero: Matrix { grad ?? Matrix(rows: value.rows, cols: value.cols) }

    /// Adds `delta` to the gradient; the first contribution is stored without a copy.
    func accumulate(_ delta: Matrix) {
        guard requiresGrad else { return }
        precondition(delta.rows == value.rows && delta.cols == value.cols, "gradient shape mismatch")
        if grad == nil { grad = delta } else { grad?.add(delta) }
    }

    /// Forgets the gradient (optimisers call this after each step).
    public func zeroGrad() { grad = nil }

    /// Backpropagates from this scalar (1×1) node through everything it was computed from.
    public func backward() {
        precondition(value.rows == 1 && value.cols == 1, "backward() starts from a 1x1 loss")
        grad = Matrix(rows: 1, cols: 1, repeating: 1)
        for node in topologicalOrder().reversed() {
            guard let step = node.backwardStep, node.grad != nil else { continue }
            step(node)
        }
    }

    /// Every node reachable from this one, parents before children (iterative DFS, no recursion).
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Tensor, expanded: Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for parent in node.parents where parent.requiresGrad && !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        return order
    }
}
