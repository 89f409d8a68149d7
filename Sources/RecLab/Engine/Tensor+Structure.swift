/// Ops that move entries around or reduce them: gather, concat, slices, transpose, sums, and the
/// gate-weighted mixture of expert blocks that MMoE needs.
extension Tensor {
    /// The rows of `self` listed in `indices` (an embedding lookup); backward scatter-adds.
    public func gather(_ indices: [Int]) -> Tensor {
        let table = value
        return Tensor(table.rows(indices), parents: [self]) { out in
            guard let g = out.grad else { return }
            var dt = Matrix(rows: table.rows, cols: table.cols)
            let cols = table.cols
            g.storage.withUnsafeBufferPointer { pg in
                dt.storage.withUnsafeMutableBufferPointer { pt in
                    for (k, r) in indices.enumerated() {
                        for c in 0..<cols { pt[r * cols + c] += pg[k * cols + c] }
                    }
                }
            }
            self.accumulate(dt)
        }
    }

    /// Side-by-side concatenation of tensors with the same number of rows.
    public static func concatColumns(_ parts: [Tensor]) -> Tensor {
        let rows = parts.first?.rows ?? 0
        precondition(parts.allSatisfy { $0.rows == rows }, "concatColumns: row counts differ")
        let widths = parts.map(\.cols)
        let total = widths.reduce(0, +)
        var out = Matrix(rows: rows, cols: total)
        var offset = 0
        for part in parts {
            for r in 0..<rows {
                for c in 0..<part.cols { out[r, offset + c] = part.value[r, c] }
            }
            offset += part.cols
        }
        return Tensor(out, parents: parts) { node in
            guard let g = node.grad else { return }
            var offset = 0
            for part in parts {
                if part.requiresGrad { part.accumulate(g.columns(offset..<(offset + part.cols))) }
                offset += part.cols
            }
        }
    }

    /// Columns `range` of every row.
    public func columns(_ range: Range<Int>) -> Tensor {
        let x = value
        return Tensor(x.columns(range), parents: [self]) { out in
            guard let g = out.grad else { return }
            var dx = Matrix(rows: x.rows, cols: x.cols)
            for r in 0..<x.rows {
                for (k, c) in range.enumerated() { dx[r, c] = g[r, k] }
            }
            self.accumulate(dx)
        }
    }

    public func transposed() -> Tensor {
        Tensor(value.transposed(), parents: [self]) { out in
            guard let g = out.grad else { return }
            self.accumulate(g.transposed())
        }
    }

    /// The sum of every entry, as a 1×1 tensor.
    public func sum() -> Tensor {
        let x = value
        return Tensor(Matrix(rows: 1, cols: 1, [Float(x.sum())]), parents: [self]) { out in
            guard let g = out.grad else { return }
            self.accumulate(Matrix(rows: x.rows, cols: x.cols, repeating: g.storage[0]))
        }
    }

    /// The mean of every entry, as a 1×1 tensor.
    public func mean() -> Tensor {
        sum().scaled(by: 1 / Float(max(value.count, 1)))
    }

    /// One entry per row: `self[r, indices[r]]`, as a column.
    public func pick(_ indices: [Int]) -> Tensor {
        let x = value
        precondition(indices.count == x.rows, "pick: \(indices.count) indices for \(x.rows) rows")
        let out = Matrix(rows: x.rows, cols: 1) { r, _ in x[r, indices[r]] }
        return Tensor(out, parents: [self]) { node in
            guard let g = node.grad else { return }
            var dx = Matrix(rows: x.rows, cols: x.cols)
            for r in 0..<x.rows { dx[r, indices[r]] = g[r, 0] }
            self.accumulate(dx)
        }
    }

    /// Gate-weighted sum of equal-width column blocks: with `self` holding E blocks of width D
    /// side by side (B × E·D) and `gates` B × E, row r of the result is Σ_e gates[r,e] · block_e[r].
    /// This is the MMoE combination of expert outputs, fused so one op replaces 3E small ones.
    public func mixture(gates: Tensor) -> Tensor {
        let x = value
        let w = gates.value
        let experts = w.cols
        precondition(w.rows == x.rows && experts > 0 && x.cols % experts == 0, "mixture: shapes")
        let width = x.cols / experts
        let rows = x.rows
        var out = Matrix(rows: rows, cols: width)
        x.storage.withUnsafeBufferPointer { px in
            w.storage.withUnsafeBufferPointer { pw in
                out.storage.withUnsafeMutableBufferPointer { po in
                    for r in 0..<rows {
                        for e in 0..<experts {
                            let weight = pw[r * experts + e]
                            let block = r * x.cols + e * width
                            for c in 0..<width { po[r * width + c] += weight * px[block + c] }
                        }
                    }
                }
            }
        }
        return Tensor(out, parents: [self, gates]) { node in
            guard let g = node.grad else { return }
            var dx = Matrix(rows: rows, cols: x.cols)
            var dw = Matrix(rows: rows, cols: experts)
            x.storage.withUnsafeBufferPointer { px in
                w.storage.withUnsafeBufferPointer { pw in
                    g.storage.withUnsafeBufferPointer { pg in
                        dx.storage.withUnsafeMutableBufferPointer { qx in
                            dw.storage.withUnsafeMutableBufferPointer { qw in
                                for r in 0..<rows {
                                    for e in 0..<experts {
                                        let weight = pw[r * experts + e]
                                        let block = r * x.cols + e * width
                                        var dot: Float = 0
                                        for c in 0..<width {
                                            let gc = pg[r * width + c]
                                            qx[block + c] = weight * gc
                                            dot += px[block + c] * gc
                                        }
                                        qw[r * experts + e] = dot
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if self.requiresGrad { self.accumulate(dx) }
            if gates.requiresGrad { gates.accumulate(dw) }
        }
    }
}

extension Matrix {
    /// Columns `range` of every row.
    public func columns(_ range: Range<Int>) -> Matrix {
        Matrix(rows: rows, cols: range.count) { r, c in self[r, range.lowerBound + c] }
    }
}
