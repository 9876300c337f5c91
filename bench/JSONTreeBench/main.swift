import Foundation
import SondeCore

let path = CommandLine.arguments[1]
let data = try Data(contentsOf: URL(fileURLWithPath: path))
let clock = ContinuousClock()
let start = clock.now
let tree = try JSONTree(data)
let parsed = clock.now
print("nodes \(tree.count) parse \(parsed - start) MB/s \(Double(data.count) / 1e6 / Double((parsed - start).components.attoseconds) * 1e18)")
