import LedgerCore

/// Airdrop income of the tax year, one row per claim in ledger order, exact values (no rounding):
/// `Date,Asset,Amount,Fair market value (USD per unit),USD,Project,Wallet,Tx`. The date is the
/// claim's day in the policy's time zone. Two '#' comment lines name the year and the policy;
/// under the zero-basis policy airdrops are not income and the file has no rows.
public enum IncomeCSV {
    public static let header = ["Date", "Asset", "Amount", "Fair market value (USD per unit)", "USD", "Project",
                                "Wallet", "Tx"]

    public static func render(_ r: TaxReport) -> String {
        var out = "# Airdrop income, tax year \(r.year) (airledger): exact values, total \(r.incomeTotal) USD\n"
        out += "# Policy: \(r.policy.summary)\n"
        out += CSV.row(header)
        for i in r.income {
            out += CSV.row([i.date.description, i.amount.asset.code, i.amount.quantity.description,
                            i.priceUsd.description, i.usd.description, i.projectSlug ?? "", i.walletLabel,
                            i.txHash ?? ""])
        }
        return out
    }
}

extension IncomeCSV {
    /// `tax export --to income`.
    public static let export = TaxExport(
        name: "income",
        summary: "Airdrop income of the year: one row per claim, exact values.",
        render: { render($0.report) })
}
