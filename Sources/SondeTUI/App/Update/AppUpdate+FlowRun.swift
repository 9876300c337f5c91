import SondeCore

/// Running a folder as a flow from the collections pane (`R`), as `sonde run` does: its
/// requests in run order (`order:` in `folder.yaml`, then file-name order), in the chosen
/// environment, captures feeding later requests and kept for the session. The results view
/// lists each request as it ends; Enter opens one's exchange in the response viewer.
extension AppState {
    /// The folder of the selected row (a request: its folder; a collection: each top-level folder), run in
    /// the background. While a run goes on, shows it instead of starting another.
    /// Runs the selected folder; one holding requests that may change data (POST, PUT, PATCH,
    /// DELETE) asks first, as Enter on such a request does, unless `changingDataConfirmed`.
    mutating func startFlowRun(changingDataConfirmed: Bool = false) -> [AppEffect] {
        if let flowRun, flowRun.isRunning {
            overlay = .runResults
            show("A run is going: Esc stops it", .info)
            return []
        }
        guard let row = selectedTreeRow else {
            show("Select a folder or a request to run its folder", .info)
            return []
        }
        let collection: Int
        let folderPath: String
        switch row.kind {
        case .folder(_, let index, let path, _, _):
            (collection, folderPath) = (index, path)
        case .request(let reference, _, _):
            collection = reference.collection
            folderPath = reference.requestID.split(separator: "/").dropLast().joined(separator: "/")
        }
        guard collections.indices.contains(collection), !collections[collection].isOutline else {
            show("Still reading the collection's files: try again in a moment", .info)
            return []
        }
        // Named as `sonde run` takes it: the collection's folder, then the folder's path.
        let collectionName = collections[collection].rootURL.lastPathComponent
        let name = folderPath.isEmpty ? collectionName : "\(collectionName)/\(folderPath)"
        let context = sendContext(for: collection)
        // The collection's row: one flow per top-level folder, as `sonde run demo` runs it.
        let flows = RunFlow.flows(for: folderPath.isEmpty ? nil : folderPath, collectionName: collectionName, in: collections[collection], context: context)
        let requests = flows.flatMap(\.requests)
        guard !requests.isEmpty else {
            show("No requests in \(name) to run", .info)
            return []
        }
        // As `sonde run` does: a request whose files did not load would go with silent
        // fallbacks (GET for an unknown method, no body), so nothing runs until they are fixed.
        var blocking: [ProblemList.Entry] = []
        for saved in requests {
            for problem in problems(blocking: RequestReference(collection: collection, requestID: saved.id))
            where !blocking.contains(where: { $0.problem == problem }) {
                blocking.append(ProblemList.Entry(collection: collection, problem: problem))
            }
        }
        guard blocking.isEmpty else {
            show("Not run: \(blocking.count == 1 ? "a problem" : "\(blocking.count) problems") in its files", .error)
            overlay = .problems(ProblemList(title: "Not run: fix \(blocking.count == 1 ? "this" : "these") first", entries: blocking))
            return []
        }
        let changing = requests.filter { !$0.definition.method.isSafe }
        if !changingDataConfirmed, !changing.isEmpty {
            let named = changing.prefix(3).map { "\($0.definition.method.rawValue) \($0.id)" }.joined(separator: ", ")
            overlay = .confirm(ConfirmDialog(
                title: "Run \(name)",
                message: "Run \(name)? \(changing.count) of its \(requests.count) requests may change data on the server: "
                    + named + (changing.count > 3 ? ", …" : "") + ".",
                action: .runFolder, choices: "y run · n/Esc keep"))
            return []
        }
        let id = nextTransferID
        nextTransferID += 1
        flowRun = FlowRun(id: id, collection: collection, name: name, planned: requests.map { ($0.definition.method.rawValue, $0.id) })
        overlay = .runResults
        // The run sends the files as saved, as `sonde run` would: an unsaved draft is not in
        // it, nor a request file that did not load; both are said.
        let ids = Set(requests.map(\.id))
        let drafts = dirtyReferences.filter { $0.collection == collection && ids.contains($0.requestID) }.count
        let root = collections[collection].rootURL
        let files = Set(requests.map { CollectionLoader.relativePath($0.fileURL, root: root) })
        let unloaded = Set(problemsPerCollection[collection].filter {
            !$0.isWarning && $0.file.hasPrefix(folderPath.isEmpty ? "" : folderPath + "/") && !files.contains($0.file)
                && !$0.file.hasSuffix("/" + CollectionLoader.folderFileName) && $0.file != CollectionLoader.collectionFileName
                && !$0.file.hasPrefix("environments/")
        }.map(\.file)).count
        var left: [String] = []
        if drafts > 0 { left.append("\(drafts) unsaved draft\(drafts == 1 ? "" : "s") left out") }
        if unloaded > 0 { left.append("\(unloaded) file\(unloaded == 1 ? "" : "s") that did not load left out (! lists them)") }
        show("Running \(name): \(requests.count) request\(requests.count == 1 ? "" : "s")" + left.map { " · " + $0 }.joined(),
             left.isEmpty ? .info : .warning)
        return [.runFlow(FlowRunOrder(id: id, name: name, flows: flows.map(\.requests), context: context))]
    }

    /// Rows of the results list on screen.
    var runListHeight: Int { FlowRun.listHeight(screenHeight: size.height) }

    /// A request of the run ended: its line appears, and what it captured becomes a variable of
    /// the collection for the rest of the session, as a single send's captures do.
    mutating func runStepFinished(_ id: Int, _ step: FlowRun.Step) {
        guard var run = flowRun, run.id == id else { return }
        run.steps.append(step)
        flowRun = run
        if let document = step.document { keepCaptured(document.captured, collection: run.collection) }
    }

    /// The run ended: the summary goes to the status bar, and the cursor to the first failure.
    mutating func runFinished(_ id: Int, cancelled: Bool) {
        guard var run = flowRun, run.id == id else { return }
        run.isRunning = false
        run.wasCancelled = cancelled
        if run.selection == 0, let failure = run.steps.firstIndex(where: { $0.result.outcome.isFailure }) {
            run.selection = failure
        }
        run.reveal(listHeight: runListHeight)
        flowRun = run
        show("\(run.name): \(run.summary)", cancelled ? .info : run.failed > 0 ? .error : .success)
    }

    /// Stops the run going on, if any: the transfer in flight ends and no further request goes.
    mutating func cancelFlowRun() -> [AppEffect] {
        guard let run = flowRun, run.isRunning else { return [] }
        show("Stopping the run…", .info)
        return [.cancel(transfer: run.id)]
    }

    mutating func showRunResults() {
        guard flowRun != nil else {
            show("No run yet: \(KeyMap.keyLabel(for: .runFolder)) in the collections runs a folder", .info)
            return
        }
        overlay = .runResults
    }

    /// Runs an action bound in the results view.
    mutating func performInRunResults(_ action: AppAction) -> [AppEffect] {
        guard var run = flowRun else {
            overlay = nil
            return []
        }
        let height = runListHeight
        switch action {
        case .moveDown: run.move(by: 1, listHeight: height)
        case .moveUp: run.move(by: -1, listHeight: height)
        case .halfPageDown: run.move(by: max(1, height / 2), listHeight: height)
        case .halfPageUp: run.move(by: -max(1, height / 2), listHeight: height)
        case .top: run.move(by: -run.steps.count, listHeight: height)
        case .bottom: run.move(by: run.steps.count, listHeight: height)
        case .accept:
            return openRunStep(run)
        case .cancel where run.isRunning:
            return cancelFlowRun()
        default:
            overlay = nil
        }
        flowRun = run
        return []
    }

    /// Shows the selected request's exchange in the response viewer, the request open in the
    /// editor, as if it had just been sent; `V` comes back to the results.
    private mutating func openRunStep(_ run: FlowRun) -> [AppEffect] {
        guard let step = run.selectedStep else { return [] }
        guard let document = step.document else {
            show("Nothing came back: \(step.result.reasons.first ?? "not sent")", .error)
            return []
        }
        let reference = RequestReference(collection: run.collection, requestID: step.result.id)
        guard savedRequest(reference) != nil else {
            show("\(step.result.id) is no longer in the collection", .error)
            return []
        }
        overlay = nil
        reveal(reference)
        var response = responses[reference, default: ResponseViewState()]
        response.show(document)
        response.tab = .body
        responses[reference] = response
        focus = .response
        show("\(step.result.id), from the run · \(KeyMap.keyLabel(for: .showRunResults)) back to the results", .info)
        return []
    }
}
