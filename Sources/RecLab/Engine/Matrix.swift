/// A dense row-major matrix of `Float`, the one value type every op and layer works on.
///
/// Row-major with a single flat buffer keeps every kernel a pointer walk over contiguous memory,
/// which is what makes a from-scratch engine fast enough to train the demos in seconds.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// The entries, row after row (`rows * cols` of them).
    public var storage: [Float]

    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "Matrix: negative shape \(rows)x\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = [Float](repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, _ values: [Float]) {
        precondition(values.count == rows * cols, "Matrix: \(values.count) values for \(rows)x\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = values
    }

    /// Builds a matrix by calling `entry(row, col)` for each position, row by row.
    public init(rows: Int, cols: Int, entry: (Int, Int) -> Float) {
        var values = [Float]()
        values.reserveCapacity(rows * cols)
        for r in 0..<rows {
            for c in 0..<cols { values.append(entry(r, c)) }
        }
        self.init(rows: rows, cols: cols, values)
    }

    public var count: Int { rows * cols }
    public var shape: (rows: Int, cols: Int) { (rows, cols) }

    public subscript(row: Int, col: Int) -> Float {
        get { storage[row * cols + col] }
        set { storage[row * cols + col] = newValue }
    }

    /// The rows listed in `indices`, in that order (a row may repeat).
    public func rows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, cols: cols)
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for (k, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "Matrix.rows: index \(r) out of 0..<\(rows)")
                    for c in 0..<cols { dst[k * cols + c] = src[r * cols + c] }
                }
            }
        }
        return out
    }

    /// The transpose, materialised (cheap next to the products it feeds).
    public func transposed() -> Matrix {
        var out = Matrix(rows: cols, cols: rows)
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows {
                    for c in 0..<cols { dst[c * rows + r] = src[r * cols + c] }
                }
            }
        }
        return out
    }

    /// Applies `transform` to every entry.
    public func map(_ transform: (Float) -> Float) -> Matrix {
        Matrix(rows: rows, cols: cols, storage.map(transform))
    }

    /// Adds `other` (same shape) into this matrix in place.
    public mutating func add(_ other: Matrix) {
        precondition(rows == other.rows && cols == other.cols, "Matrix.add: shape mismatch")
        let n = count
        other.storage.withUnsafeBufferPointer { src in
            storage.withUnsafeMutableBufferPointer { dst in
                for i in 0..<n { dst[i] += src[i] }
            }
        }
    }

    /// The sum of all entries, accumulated in `Double` so long sums stay exact enough.
    public func sum() -> Double {
        var total = 0.0
        for v in storage { total += Double(v) }
        return total
    }
}
