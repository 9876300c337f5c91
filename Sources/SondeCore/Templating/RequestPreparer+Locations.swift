import Foundation

/// Where in the collection's files each unresolved placeholder is written, so that the message
/// starts with `file:line:column:`. The loaded model keeps no YAML positions, so the files are
/// searched for the placeholder under the field's key; that happens only when a send fails.
extension RequestPreparer {
    static func locate(
        _ error: ResolutionError, of saved: SavedRequest, in collection: RequestCollection, environment: Environment?
    ) -> ResolutionError {
        let sources = levelFiles(of: saved, in: collection, environment: environment)
        let requestFile = sources[0].file
        var texts: [String: String?] = [:]
        func text(_ index: Int) -> String? {
            let source = sources[index]
            if let known = texts[source.file] { return known }
            let read = source.text()
            texts[source.file] = read
            return read
        }
        var located = error
        for index in located.problems.indices {
            let problem = located.problems[index]
            let key = sectionKey(of: problem.usedIn)
            for sourceIndex in sources.indices {
                guard let source = text(sourceIndex),
                      let place = placeholderPosition(problem.placeholder, in: source, under: key) else { continue }
                located.problems[index].location = FilePosition(file: sources[sourceIndex].file, line: place.line, column: place.column)
                // "body at users/new.yaml:7" says again what the position says.
                if let at = problem.usedIn.range(of: " at ") { located.problems[index].usedIn = String(problem.usedIn[..<at.lowerBound]) }
                break
            }
            // A placeholder reached through another variable: the request's own template that uses it.
            if located.problems[index].location == nil, ["url:", "params:", "body:"].contains(key),
               let source = text(0), let line = keyLine(key, in: source) {
                located.problems[index].location = FilePosition(file: requestFile, line: line, column: 1)
            }
        }
        return located
    }

    /// The files whose headers, auth and options a request inherits, the request's own first and
    /// then in the order the levels override each other: folders from the innermost out, the
    /// collection, the environment. Each with its path below the collection root and its text.
    static func levelFiles(
        of saved: SavedRequest, in collection: RequestCollection, environment: Environment?
    ) -> [(file: String, text: () -> String?)] {
        var sources: [(file: String, text: () -> String?)] = []
        let requestFile = CollectionLoader.relativePath(saved.fileURL, root: collection.rootURL)
        sources.append((requestFile, { saved.sourceText ?? (try? String(contentsOf: saved.fileURL, encoding: .utf8)) }))
        for folder in collection.folderChain(to: saved).reversed() where !folder.path.isEmpty {
            let url = folder.url.appendingPathComponent(CollectionLoader.folderFileName)
            sources.append(("\(folder.path)/\(CollectionLoader.folderFileName)", { try? String(contentsOf: url, encoding: .utf8) }))
        }
        let collectionURL = collection.rootURL.appendingPathComponent(CollectionLoader.collectionFileName)
        sources.append((CollectionLoader.collectionFileName, { try? String(contentsOf: collectionURL, encoding: .utf8) }))
        if let environment {
            sources.append((
                CollectionLoader.relativePath(environment.fileURL, root: collection.rootURL),
                { try? String(contentsOf: environment.fileURL, encoding: .utf8) }))
        }
        return sources
    }

    /// Where the option `key` that a request is sent with is written: in the first of its level
    /// files (the one that wins) with `key` under its top-level `options:`.
    static func optionPosition(
        _ key: String, of saved: SavedRequest, in collection: RequestCollection, environment: Environment?
    ) -> FilePosition? {
        for source in levelFiles(of: saved, in: collection, environment: environment) {
            guard let text = source.text(), let place = optionPosition(key, in: text) else { continue }
            return FilePosition(file: source.file, line: place.line, column: place.column)
        }
        return nil
    }

    /// The line and column (from 1) of `key:` in the value of the top-level `options:` of `text`,
    /// written as a block or a flow mapping; comments aside.
    static func optionPosition(_ key: String, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("options:") }) else { return nil }
        for number in first..<lines.count {
            let line = lines[number]
            if number > first, let start = line.first, !" \t-#}]".contains(start) { break }
            let code = line.prefix { $0 != "#" }
            var from = code.startIndex
            while let range = code.range(of: key, range: from..<code.endIndex) {
                let before = range.lowerBound == code.startIndex ? " " : code[code.index(before: range.lowerBound)]
                let after = code[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }.first
                if " \t{,\"'".contains(before), after == ":" {
                    return (number + 1, code.distance(from: code.startIndex, to: range.lowerBound) + 1)
                }
                from = range.upperBound
            }
        }
        return nil
    }

    /// The top-level key whose value holds a field named as `usedIn` names it.
    static func sectionKey(of usedIn: String) -> String {
        if usedIn.hasPrefix("option ") { return "options:" }
        if usedIn.hasPrefix("url") { return "url:" }
        if usedIn.hasPrefix("header") { return "headers:" }
        if usedIn.hasPrefix("proxy") || usedIn.hasPrefix("no_proxy") { return "options:" }
        if usedIn.hasPrefix("query param") { return "params:" }
        if usedIn.hasPrefix("unix_socket") { return "options:" }
        if usedIn.contains("auth") || usedIn.hasPrefix("bearer") || usedIn.hasPrefix("api key") || usedIn.hasPrefix("oauth2") {
            return "auth:"
        }
        return "body:"
    }

    /// The line (from 1) of the top-level `key` in `text`.
    static func keyLine(_ key: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key) }.map { $0 + 1 }
    }

    /// The line and column (from 1) of `placeholder` in the value of the top-level `key`, the
    /// placeholder's spacing as written (`{{ name }}`) aside.
    static func placeholderPosition(_ placeholder: String, in text: String, under key: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.hasPrefix(key) }) else { return nil }
        for number in first..<lines.count {
            let line = lines[number]
            // The value ends where the next top-level key starts.
            if number > first, let start = line.first, start != " ", start != "-", start != "#", start != "\t" { break }
            guard line.contains("{{") else { continue }
            let segments = Template(String(line)).segments
            guard segments.contains(where: { Template.text(of: $0) == placeholder }) else { continue }
            let at = line.range(of: placeholder)?.lowerBound ?? line.range(of: "{{")!.lowerBound
            return (number + 1, line.distance(from: line.startIndex, to: at) + 1)
        }
        return nil
    }
}
