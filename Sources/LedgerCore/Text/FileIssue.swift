/// An input-file problem at `file:line:column` (1-based), naming the value and the fix. Collected,
/// not thrown at the first, so one run reports every bad row.
public struct FileIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

