/// Which load problems make a request unsafe to send: the TUI and `sonde send` refuse the same ones.
extension RequestCollection {
    /// The files whose problems would change what `saved` sends: the collection file, the
    /// folder files above it, its own file, and the environment's file. A problem there means
    /// a silent fallback (an unknown method sent as GET, a body or auth left out), so sending
    /// is refused rather than guessed.
    public func filesAffecting(_ saved: SavedRequest, environment: Environment?) -> Set<String> {
        var files: Set<String> = [CollectionLoader.collectionFileName]
        files.insert(CollectionLoader.relativePath(saved.fileURL, root: rootURL))
        for folder in folderChain(to: saved) where !folder.path.isEmpty {
            files.insert("\(folder.path)/\(CollectionLoader.folderFileName)")
        }
        if let environment { files.insert(CollectionLoader.relativePath(environment.fileURL, root: rootURL)) }
        return files
    }

    /// The problems among `problems` (this collection's) in the files `saved` depends on,
    /// warnings (an unknown key) included: what sending it should mention.
    public func problems(affecting saved: SavedRequest, environment: Environment?, among problems: [LoadProblem]) -> [LoadProblem] {
        let files = filesAffecting(saved, environment: environment)
        return problems.filter { files.contains($0.file) }
    }

    /// The problems among `problems` that block sending `saved`: the errors among those
    /// affecting it. A warning is said and the request still goes.
    public func problems(blocking saved: SavedRequest, environment: Environment?, among problems: [LoadProblem]) -> [LoadProblem] {
        self.problems(affecting: saved, environment: environment, among: problems).filter { !$0.isWarning }
    }
}
