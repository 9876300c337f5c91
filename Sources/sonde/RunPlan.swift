import SondeCore

/// Every flow a run starts, in order, without listing them: `--repeat` times each data row
/// times each flow. The flow for an index is made when it starts, so 20,000 repeats of a flow
/// cost no memory up front.
struct RunPlan: Sendable {
    var flows: [RunFlow]
    /// The `--data` rows, or one nil for a run without data.
    var rows: [DataTable.Row?]
    var dataFile: String?
    var repeats: Int
    /// One per flow, shared by all its repeats and rows (`PreparationCache`).
    let preparations: [PreparationCache]

    init(flows: [RunFlow], rows: [DataTable.Row?], dataFile: String?, repeats: Int) {
        self.flows = flows
        self.rows = rows
        self.dataFile = dataFile
        self.repeats = repeats
        preparations = flows.map { _ in PreparationCache() }
    }

    var flowCount: Int { flows.count * rows.count * repeats }
    var requestCount: Int { flows.reduce(0) { $0 + $1.requests.count } * rows.count * repeats }

    /// The flow started `index`-th: every flow for the first row, then for the next row, and
    /// all of that again for each repeat. A row's columns are variables over the
    /// environment's; `--var` still wins, as it does over everything else.
    func flow(at index: Int) -> RunFlow {
        var flow = flows[index % flows.count]
        guard let row = rows[(index / flows.count) % rows.count] else { return flow }
        flow.context.overrides = row.values.merging(flow.context.overrides) { _, given in given }
        flow.name += " [\(dataFile ?? "data"):\(row.line)]"
        return flow
    }

    /// The preparations the flow started `index`-th shares with the other repeats of its flow.
    func preparations(at index: Int) -> PreparationCache {
        preparations[index % flows.count]
    }
}
