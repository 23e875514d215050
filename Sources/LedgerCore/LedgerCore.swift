// LedgerCore: the pure heart of airledger.
//
// Values and engines only: amounts, wallets and address rules, projects, activity, claims, lots and
// tax, estimation. No I/O, no SQLite, no clock, no printing: "now" and the time zone are passed in.
// Invariants: amounts are exact decimals parsed from text (never Double); every error a user can
// cause is a typed value that says what was wrong, with the value, and how to fix it.
