/// The in-memory records of one collection for one server instance.
///
/// An actor so concurrent requests see consistent changes; each `DemoServer` owns its own stores,
/// which lets parallel tests run servers side by side without sharing data.
actor RecordStore<Record: DemoRecord> {
    private var records: [Int: Record]
    private var nextID: Int

    init(seed: [Record] = Record.seed) {
        records = Dictionary(seed.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        nextID = (seed.map(\.id).max() ?? 0) + 1
    }

    /// The records passing `filter`, in ID order.
    func list(where filter: @Sendable (Record) -> Bool) -> [Record] {
        records.values.filter(filter).sorted { $0.id < $1.id }
    }

    func record(id: Int) -> Record? {
        records[id]
    }

    /// Stores a new record under the next free ID; IDs are never reused, even after a delete.
    func create(from draft: Record.Draft) -> Record {
        let record = Record(id: nextID, draft: draft)
        nextID += 1
        records[record.id] = record
        return record
    }

    /// Replaces every field of an existing record; `nil` when there is none with that ID.
    func replace(id: Int, with draft: Record.Draft) -> Record? {
        guard records[id] != nil else { return nil }
        let record = Record(id: id, draft: draft)
        records[id] = record
        return record
    }

    /// Merges the given fields into an existing record; `nil` when there is none with that ID.
    func update(id: Int, with patch: Record.Patch) -> Record? {
        guard let record = records[id]?.applying(patch) else { return nil }
        records[id] = record
        return record
    }

    /// Removes a record, returning whether it existed.
    func delete(id: Int) -> Bool {
        records.removeValue(forKey: id) != nil
    }
}
