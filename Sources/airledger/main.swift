import LedgerCLI

Airledger.mainWithExitCode()
