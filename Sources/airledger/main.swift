import LedgerCLI
await Airledger.mainWithExitCode()
