// EmbedTool: build-time generator. Usage: EmbedTool OUTPUT.swift NAME=FILE ...
// Writes `enum ReferenceData { static let NAME = #"..."# ... }` with each file's text verbatim.
import Foundation

let args = CommandLine.arguments.dropFirst()
guard let output = args.first else {
    FileHandle.standardError.write(Data("usage: EmbedTool OUTPUT NAME=FILE...\n".utf8))
    exit(64)
}
var out = "// Generated at build time by EmbedTool (see Plugins/EmbedReferenceData). Do not edit.\n"
out += "enum ReferenceData {\n"
var names: [(String, String)] = []
for pair in args.dropFirst() {
    guard let eq = pair.firstIndex(of: "=") else { continue }
    let name = String(pair[..<eq])
    let path = String(pair[pair.index(after: eq)...])
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedTool: cannot read \(path) as UTF-8\n".utf8))
        exit(1)
    }
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    names.append((name, URL(fileURLWithPath: path).lastPathComponent))
    out += "    static let \(name): String = \(hashes)\"\"\"\n\(text)\(text.hasSuffix("\n") ? "" : "\n")\"\"\"\(hashes)\n"
}
out += "    /// Every embedded file: (file name, text).\n"
out += "    static let files: [(name: String, text: String)] = [\n"
for (ident, file) in names { out += "        (\"\(file)\", \(ident)),\n" }
out += "    ]\n"
out += "}\n"
do {
    try out.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedTool: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
