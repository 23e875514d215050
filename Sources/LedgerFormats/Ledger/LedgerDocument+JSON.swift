import Foundation
import LedgerCore

extension LedgerDocument {
    /// The ledger file: keys in byte order, absent values left out, two-space indents, `"key" : value`
    /// and a final newline (`JSONWriter.Layout.ledgerFile`, the bytes every version has written).
    /// Each record's members below are listed in that order; Fixtures/ledger holds files written
    /// before this writer, which the tests read and write again byte for byte.
    public func encoded() -> Data {
        Data(JSONWriter.bytes(layout: .ledgerFile) { w in
            w.beginObject()
            w.key("activities"); w.array(activities) { w, r in r.write(to: &w) }
            w.key("allocations"); w.array(allocations) { w, r in r.write(to: &w) }
            w.key("format"); w.string(format)
            w.key("movements"); w.array(movements) { w, r in r.write(to: &w) }
            w.key("pointsReadings"); w.array(pointsReadings) { w, r in r.write(to: &w) }
            w.key("prices"); w.array(prices) { w, r in r.write(to: &w) }
            w.key("projects"); w.array(projects) { w, r in r.write(to: &w) }
            w.key("version"); w.int(version)
            w.key("wallets"); w.array(wallets) { w, r in r.write(to: &w) }
            w.endObject()
        })
    }
}

extension JSONWriter {
    /// A member whose absence leaves the key out (the ledger file never writes null).
    fileprivate mutating func optional(_ k: String, _ v: String?) {
        if let v { key(k); string(v) }
    }
}

extension LedgerDocument.WalletRecord {
    fileprivate func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("address"); w.string(address)
        w.optional("broker", broker)
        w.key("chain"); w.string(chain)
        w.key("createdAt"); w.string(createdAt)
        w.optional("group", group)
        w.key("label"); w.string(label)
        w.key("status"); w.string(status)
        w.endObject()
    }
}

extension LedgerDocument.ProjectRecord {
    fileprivate func write(to w: inout JSONWriter) {
        w.beginObject()
        w.optional("airdropDate", airdropDate)
        w.optional("airdropShare", airdropShare)
        w.key("category"); w.string(category)
        w.key("competitors"); w.strings(competitors)
        w.optional("expectedFdvUsd", expectedFdvUsd)
        w.optional("expectedRecipients", expectedRecipients)
        w.key("investors"); w.strings(investors)
        w.key("name"); w.string(name)
        w.key("narratives"); w.strings(narratives)
        w.optional("notes", notes)
        w.key("origin"); w.string(origin)
        w.optional("pointsPool", pointsPool)
        w.optional("probability", probability)
        w.optional("raisedUsd", raisedUsd)
        w.key("slug"); w.string(slug)
        w.key("status"); w.string(status)
        w.optional("status2024", status2024)
        if let techScore { w.key("techScore"); w.int(techScore) }
        w.optional("token", token)
        w.optional("totalPoints", totalPoints)
        w.optional("totalSupply", totalSupply)
        w.optional("valuationUsd", valuationUsd)
        w.endObject()
    }
}

extension LedgerDocument.ActivityRecord {
    fileprivate func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("at"); w.string(at)
        w.optional("chain", chain)
        w.optional("counterparty", counterparty)
        w.key("failed"); w.bool(failed)
        w.optional("fee", fee)
        w.optional("feeUsd", feeUsd)
        w.key("kind"); w.string(kind)
        w.optional("leg", leg)
        w.optional("note", note)
        w.optional("points", points)
        w.key("project"); w.string(project)
        w.key("source"); w.string(source)
        w.optional("txHash", txHash)
        w.optional("volume", volume)
        w.optional("volumeUsd", volumeUsd)
        w.key("wallet"); w.string(wallet)
        w.endObject()
    }
}

extension LedgerDocument.PointsRecord {
    fileprivate func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("at"); w.string(at)
        w.key("points"); w.string(points)
        w.key("project"); w.string(project)
        w.key("wallet"); w.string(wallet)
        w.endObject()
    }
}

extension LedgerDocument.MovementRecord {
    fileprivate func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("amount"); w.string(amount)
        w.key("at"); w.string(at)
        w.optional("feeQuantity", feeQuantity)
        w.optional("feeUsd", feeUsd)
        w.key("kind"); w.string(kind)
        w.optional("priceUsd", priceUsd)
        w.optional("project", project)
        w.optional("toWallet", toWallet)
        w.optional("txHash", txHash)
        w.key("wallet"); w.string(wallet)
        w.endObject()
    }
}

extension LedgerDocument.AllocationRecord {
    fileprivate func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("amount"); w.string(amount)
        if let claim { w.key("claim"); w.int(claim) }
        w.optional("deadline", deadline)
        w.key("project"); w.string(project)
        w.key("wallet"); w.string(wallet)
        w.endObject()
    }
}

extension LedgerDocument.PriceRecord {
    fileprivate func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("asset"); w.string(asset)
        w.key("at"); w.string(at)
        w.key("source"); w.string(source)
        w.key("usd"); w.string(usd)
        w.endObject()
    }
}
