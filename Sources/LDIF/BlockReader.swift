/// Gathers one block of LDIF — the logical lines of one record, unfolded, comments dropped —
/// into a reused buffer. A value type, so the per-line work needs no exclusivity checks.
struct BlockReader {
    var scanner: LineScanner
    let sourceName: String
    let maxRecordBytes: Int
    /// The current block's logical lines, unfolded, back to back.
    var recordBytes: [UInt8] = []
    /// Where each logical line of the current block is in ``recordBytes``.
    var logicalLines: [LDIFReader.LogicalLine] = []

    init(scanner: LineScanner, sourceName: String, maxRecordBytes: Int) {
        self.scanner = scanner
        self.sourceName = sourceName
        self.maxRecordBytes = maxRecordBytes
    }

    /// Collects the next block's logical lines, skipping comments and unfolding continuations.
    /// - Returns: false at the end of the input.
    mutating func readBlock() throws(LDIFError) -> Bool {
        recordBytes.removeAll(keepingCapacity: true)
        logicalLines.removeAll(keepingCapacity: true)
        var inComment = false
        var deferredError: LDIFError?
        while true {
            let range: Range<Int>
            do {
                guard let next = try scanner.nextLine() else { break }
                range = next
            } catch {
                throw scannerError(error)
            }
            let number = scanner.lineNumber
            if scanner.lastLineWasTooLong {
                if deferredError == nil {
                    deferredError = blockError(
                        .tooLarge,
                        line: number,
                        recordLine: logicalLines.first?.number ?? number,
                        .lineTooLong(limit: maxRecordBytes)
                    )
                }
                logicalLines.append(
                    LDIFReader.LogicalLine(range: recordBytes.count..<recordBytes.count, number: number)
                )
                continue
            }
            if range.isEmpty {
                inComment = false
                if logicalLines.isEmpty && deferredError == nil { continue }
                break
            }
            try scanner.withBytes(range) { (line) throws(LDIFError) in
                if line[0] == UInt8(ascii: " ") {
                    if inComment { return }
                    guard !logicalLines.isEmpty else {
                        if deferredError == nil {
                            deferredError = blockError(
                                .syntax,
                                line: number,
                                recordLine: number,
                                .continuationAfterBlankLine
                            )
                        }
                        return
                    }
                    appendToRecord(UnsafeBufferPointer(rebasing: line[1...]), number: number, startsLine: false)
                } else if line[0] == UInt8(ascii: "#") {
                    inComment = true
                } else {
                    inComment = false
                    appendToRecord(line, number: number, startsLine: true)
                }
            }
            if recordBytes.count > maxRecordBytes, deferredError == nil {
                deferredError = blockError(
                    .tooLarge,
                    line: number,
                    recordLine: logicalLines.first?.number ?? number,
                    .recordTooLarge(limit: maxRecordBytes)
                )
            }
        }
        if let deferredError { throw deferredError }
        return !logicalLines.isEmpty
    }

    private mutating func appendToRecord(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, startsLine: Bool) {
        guard recordBytes.count <= maxRecordBytes else { return }
        if startsLine {
            logicalLines.append(LDIFReader.LogicalLine(range: recordBytes.count..<recordBytes.count, number: number))
        }
        recordBytes.append(contentsOf: bytes)
        logicalLines[logicalLines.count - 1].range =
            logicalLines[logicalLines.count - 1].range.lowerBound..<recordBytes.count
    }

    private func blockError(
        _ code: LDIFError.Code,
        line: Int,
        recordLine: Int,
        _ problem: LDIFError.Problem
    ) -> LDIFError {
        var error = LDIFError(code, source: sourceName, line: line, problem: problem)
        error.recordLine = recordLine
        return error
    }

    private func scannerError(_ failure: LineScanner.Failure) -> LDIFError {
        switch failure {
        case .read(let failure):
            return LDIFError(.io, source: sourceName, line: 0, problem: .readFailed(errno: failure.errno))
        }
    }
}
