import PropertyBased
import Testing
@testable import SondeCore

/// `NoProxyList` on random host names and lists: a name always matches itself and the hosts
/// below it (whatever surrounds it in the list, case and one dot aside), never a host that only
/// ends with its letters, and an IPv4 range matches exactly the addresses its bits cover.
@Suite struct NoProxyListPropertyTests {
    private static let labels = Gen<Character?>.element(of: Array("abcxyz019-")).map { $0 ?? "a" }.string(of: 1...6)
    private static let names = labels.array(of: 1...3).map { $0.joined(separator: ".") }
    private static let noise = Gen<Character?>.element(of: Array(" ,\tq.")).map { $0 ?? " " }.string(of: 0...4)

    @Test func aNameMatchesItselfAndItsSubdomainsAnywhereInTheList() async {
        await propertyCheck(count: 300, input: Self.names, Self.labels, Self.noise, Self.noise) { name, sub, before, after in
            // Between separators, so the noise cannot join the name into a longer entry.
            let list = before + " ," + name.uppercased() + ", " + after
            #expect(NoProxyList(list).match(name) != nil)
            #expect(NoProxyList(list).match(sub + "." + name) != nil)
            #expect(NoProxyList("." + name).match(sub + "." + name) == "." + name)
            #expect(NoProxyList(name).match(sub + name) == nil || sub.hasSuffix("."))
        }
    }

    @Test func anIPv4RangeCoversTheAddressesOfItsBits() async {
        let octet = Gen.int(in: 0...255)
        await propertyCheck(count: 300, input: octet.array(of: 4...4), octet.array(of: 4...4), Gen.int(in: 1...31)) { a, b, bits in
            let address = a.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let network = b.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let mask = UInt32.max << UInt32(32 - bits)
            let covered = (address ^ network) & mask == 0
            let list = b.map(String.init).joined(separator: ".") + "/\(bits)"
            #expect((NoProxyList(list).match(a.map(String.init).joined(separator: ".")) != nil) == covered)
        }
    }
}
