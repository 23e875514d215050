import Foundation

/// Output files: never overwrite an existing file unless forced; write to a temporary file beside the
/// target (mode 0600: ledgers and tax files are private) and rename it into place, so a reader never
/// sees half a file.
enum OutputFile {
    static func write(_ data: Data, to path: String, force: Bool) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) && !force {
            throw CLIError.failure("\(path) already exists: choose another name with -o, or pass --force to replace it")
        }
        let temp = path + ".partial-\(getpid())"
        try? fm.removeItem(atPath: temp)
        guard fm.createFile(atPath: temp, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError.failure("cannot write \(path): check that its folder exists and is writable")
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: temp)
            throw CLIError.failure("cannot write \(path): \(reason)")
        }
    }

    /// Whether `path` is an existing folder.
    static func isFolder(_ path: String) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
    }

    /// Creates `path` (mode 0700, like the ledger's folder) when it does not exist.
    static func makeFolder(_ path: String) throws {
        if isFolder(path) { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError.failure("cannot create the folder \(path): check that its parent exists and is writable")
        }
    }

    /// A wallet label as a file name: labels are letters, digits, '-', '_' and '.', so only a label
    /// of dots alone ("." or "..") needs changing.
    static func safeName(_ label: String) -> String {
        label.allSatisfy { $0 == "." } ? "_" + label : label
    }

    /// The whole file, read with read(2) and never more than `limit` bytes: a longer file (or one that
    /// never ends, such as /dev/zero) is refused once the limit is passed, so memory stays bounded.
    static func read(_ path: String, atMost limit: Int, what: String = "file") throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError.failure("cannot read \(path): \(String(cString: strerror(errno))); check the path and permissions") }
        defer { close(fd) }
        var data = Data()
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, chunk) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.failure("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { return data }
            data.append(contentsOf: buffer[0..<n])
            if data.count > limit {
                throw CLIError.data("\(path) is larger than \(limit >> 20) MiB, the most airledger reads as one \(what): check that it is the right file")
            }
        }
    }
}
