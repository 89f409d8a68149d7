/// Learning curves as one line of Unicode blocks per model, on a scale shared by every curve of
/// the demo so heights compare across models.
struct DemoChart {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let low: Double
    let high: Double
    /// Characters per epoch, so short curves are still readable.
    let stretch: Int

    init(curves: [[Double]]) {
        let values = curves.flatMap { $0 }
        low = values.min() ?? 0
        high = values.max() ?? 1
        let longest = curves.map(\.count).max() ?? 1
        stretch = max(1, min(4, 40 / max(longest, 1)))
    }

    /// The blocks for one curve; the highest value of all curves is a full block.
    func line(_ curve: [Double]) -> String {
        let span = high - low
        return String(
            curve.flatMap { value -> [Character] in
                let level = span > 0 ? Int(((value - low) / span * 7).rounded()) : 0
                return Array(repeating: DemoChart.blocks[min(max(level, 0), 7)], count: stretch)
            })
    }
}
