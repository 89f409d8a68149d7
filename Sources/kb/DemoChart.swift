import Foundation

/// Learning curves as one line of Unicode blocks per model, on a scale shared by every curve of
/// the demo so heights compare across models. Losses that fall by more than 5x are drawn on a log
/// scale, or the first epoch would flatten everything after it into the bottom block.
struct DemoChart {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let low: Double
    let high: Double
    /// Characters per epoch, so short curves are still readable.
    let stretch: Int

    let logarithmic: Bool

    init(curves: [[Double]]) {
        let values = curves.flatMap { $0 }
        let (minimum, maximum) = (values.min() ?? 0, values.max() ?? 1)
        logarithmic = minimum > 0 && maximum / minimum > 5
        low = logarithmic ? Foundation.log(minimum) : minimum
        high = logarithmic ? Foundation.log(maximum) : maximum
        let longest = curves.map(\.count).max() ?? 1
        stretch = max(1, min(4, 40 / max(longest, 1)))
    }

    /// The blocks for one curve; the highest value of all curves is a full block.
    func line(_ curve: [Double]) -> String {
        let span = high - low
        return String(
            curve.flatMap { value -> [Character] in
                let y = logarithmic ? Foundation.log(max(value, 1e-12)) : value
                let level = span > 0 ? Int(((y - low) / span * 7).rounded()) : 0
                return Array(repeating: DemoChart.blocks[min(max(level, 0), 7)], count: stretch)
            })
    }
}
