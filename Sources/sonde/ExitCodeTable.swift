/// A command's exit codes with what each means, listed in its `--help` (and the README).
protocol ExitCodeTable: CaseIterable, RawRepresentable where RawValue == Int32 {
    var meaning: String { get }
}

extension ExitCodeTable {
    /// One line per code: the number in a column of four, then its meaning.
    static var table: String {
        allCases.map { code in
            let number = String(code.rawValue)
            return "  \(number)\(String(repeating: " ", count: max(0, 4 - number.count))) \(code.meaning)"
        }
        .joined(separator: "\n")
    }
}
