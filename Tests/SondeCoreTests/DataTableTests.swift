import Testing
@testable import SondeCore

/// `sonde run --data rows.csv`: RFC 4180 as spreadsheets write it, and every bad file refused
/// with its file:line.
@Suite struct DataTableTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaksAndLinesAreCounted() throws {
        let text = "\u{FEFF}id, name ,note\r\n1,\"Lovelace, Ada\",\"said \"\"hi\"\"\"\r\n\n2,Grace,\"two\nlines\"\n3,,\n"
        let table = try DataTable.parse(text, file: "rows.csv")
        #expect(table.columns == ["id", "name", "note"])
        #expect(table.rows == [
            DataTable.Row(line: 2, values: ["id": "1", "name": "Lovelace, Ada", "note": "said \"hi\""]),
            DataTable.Row(line: 4, values: ["id": "2", "name": "Grace", "note": "two\nlines"]),
            DataTable.Row(line: 6, values: ["id": "3", "name": "", "note": ""]),
        ])
    }

    @Test func aRaggedRowNamesItsLineAfterAMultiLineField() {
        #expect(throws: DataTableError(file: "rows.csv", line: 4, message: "this row has 1 field, the header row 2 (id,name); quote a value that holds a comma")) {
            try DataTable.parse("id,name\n1,\"a\nb\"\n2\n", file: "rows.csv")
        }
        #expect(throws: DataTableError(file: "r.csv", line: 2, message: "this row has 3 fields, the header row 2 (id,name); quote a value that holds a comma")) {
            try DataTable.parse("id,name\n1,Ada,Lovelace\n", file: "r.csv")
        }
    }

    @Test func badQuotingAndBadHeadersAreSaidWithTheirLine() {
        func message(_ text: String) -> String? {
            do { _ = try DataTable.parse(text, file: "d.csv"); return nil } catch { return error.description }
        }
        #expect(message("id\n\"1\n2\n") == "d.csv:2: a quoted field that never ends: its closing quote is missing")
        #expect(message("id\n\"1\"x\n") == "d.csv:2: text after a closing quote; a quoted field ends at its quote")
        #expect(message("id\n1\"x\n") == "d.csv:2: a quote inside an unquoted field; quote the whole field and double the quote (\"a \"\"b\"\"\")")
        #expect(message("id,,name\n") == "d.csv:1: column 2 of the header row has no name")
        #expect(message("id,id\n") == "d.csv:1: the header row names column id twice")
        #expect(message("\n\n") == "d.csv:1: no header row: the first line names the columns, as id,name")
    }
}
