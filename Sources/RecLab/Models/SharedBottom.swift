/// The classic hard-parameter-sharing baseline: one shared ReLU layer feeding a tower per task.
///
/// The bottom is 82 wide so the model has about as many parameters as MMoE (2,740 against 2,738).
/// Each tower is Linear(82, 8) + ReLU + Linear(8, 1): the towers have MMoE's shape (8 hidden
/// units, one output) but read the 82-wide bottom, which is the only reading of "the same towers"
/// that gives the 2,740.
public struct SharedBottom: MultiTaskModel {
    public let bottom: Linear
    public let towers: [MLP]

    public init(inputs: Int = 16, bottomWidth: Int = 82, towerWidth: Int = 8, tasks: Int = 2, rng: inout SplitMix64) {
        bottom = Linear(inputs, bottomWidth, rng: &rng)
        var towers: [MLP] = []
        for _ in 0..<tasks {
            towers.append(MLP([bottomWidth, towerWidth, 1], hiddenBias: MixtureOfExperts.towerHiddenBias, rng: &rng))
        }
        self.towers = towers
    }

    public func predict(_ x: Tensor) -> [Tensor] {
        let shared = bottom(x).relu()
        return towers.map { $0(shared) }
    }

    public var parameters: [Tensor] { bottom.parameters + towers.flatMap(\.parameters) }
}
