import ArgumentParser
public enum Airledger { public static func mainWithExitCode() async {} }
