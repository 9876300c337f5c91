import Foundation

/// The rows of a `sonde run --data FILE` CSV file: the header row names the columns, and each
/// later row runs the flows once with its values as variables.
///
/// RFC 4180, as spreadsheets write it: fields separated by commas, quoted with `"` when they hold
/// a comma, a quote (doubled) or a line break; LF or CRLF line ends; a UTF-8 byte order mark is
/// skipped and blank lines are ignored. Written here rather than taken from SwiftCSV or CSV.swift
/// because neither says on which line a row went wrong, and a ragged row in a 5,000-row file
/// needs its line number.
public struct DataTable: Sendable, Equatable {
    /// One data row: where it starts in the file, and its values by column name.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var values: [String: String]
    }

    public var columns: [String]
    public var rows: [Row]

    /// Parses `text`, read from `file` (named in errors as `file:line`).
    public static func parse(_ text: String, file: String) throws(DataTableError) -> DataTable {
        var records: [(line: Int, fields: [String])] = []
        var scanner = Scanner(bytes: Array(text.utf8), file: file)
        while let record = try scanner.nextRecord() {
            records.append(record)
        }
        guard let header = records.first else {
            throw DataTableError(file: file, line: 1, message: "no header row: the first line names the columns, as id,name")
        }
        var seen: Set<String> = []
        for (index, name) in header.fields.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                throw DataTableError(file: file, line: header.line, message: "column \(index + 1) of the header row has no name")
            }
            if !seen.insert(trimmed).inserted {
                throw DataTableError(file: file, line: header.line, message: "the header row names column \(trimmed) twice")
            }
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                throw DataTableError(
                    file: file, line: record.line,
                    message: "this row has \(record.fields.count) \(record.fields.count == 1 ? "field" : "fields"), the header row \(columns.count) (\(columns.joined(separator: ","))); quote a value that holds a comma")
            }
            rows.append(Row(line: record.line, values: Dictionary(uniqueKeysWithValues: zip(columns, record.fields))))
        }
        return DataTable(columns: columns, rows: rows)
    }

    /// Reads records field by field, counting lines.
    private struct Scanner {
        let bytes: [UInt8]
        let file: String
        var index = 0
        var line = 1

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        /// The next non-blank record and the line it starts on; nil at the end.
        mutating func nextRecord() throws(DataTableError) -> (line: Int, fields: [String])? {
            while index < bytes.count {
                let start = line
                var fields: [String] = []
                var field: [UInt8] = []
                var quotedField = false
                var ended = false
                while index < bytes.count, !ended {
                    let byte = bytes[index]
                    switch byte {
                    case UInt8(ascii: "\""):
                        guard field.isEmpty, !quotedField else {
                            throw DataTableError(file: file, line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote (\"a \"\"b\"\"\")")
                        }
                        try readQuoted(into: &field)
                        quotedField = true
                        continue
                    case UInt8(ascii: ","):
                        fields.append(String(decoding: field, as: UTF8.self))
                        field.removeAll(keepingCapacity: true)
                        quotedField = false
                    case UInt8(ascii: "\n"):
                        ended = true
                        line += 1
                    case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                        break
                    default:
                        if quotedField {
                            throw DataTableError(file: file, line: line, message: "text after a closing quote; a quoted field ends at its quote")
                        }
                        field.append(byte)
                    }
                    index += 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                // A blank line is no record.
                if fields.count == 1, fields[0].isEmpty, !quotedField { continue }
                return (start, fields)
            }
            return nil
        }

        /// Reads a quoted field from its opening quote past its closing one.
        private mutating func readQuoted(into field: inout [UInt8]) throws(DataTableError) {
            let opened = line
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    index += 1
                    return
                }
                if byte == UInt8(ascii: "\n") { line += 1 }
                field.append(byte)
                index += 1
            }
            throw DataTableError(file: file, line: opened, message: "a quoted field that never ends: its closing quote is missing")
        }
    }
}

/// A CSV data file that could not be read as rows, with where.
public struct DataTableError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}
