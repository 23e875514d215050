import Foundation
import Synchronization

/// The process's standard output or error as a file descriptor written with `write(2)`: a failed
/// write (a full disk, a closed descriptor, a reader that went away) is remembered, never a trap.
/// After the first failure later writes are dropped; the command then ends with a message saying
/// what failed and whether the ledger was changed (`Airledger.run`).
final class StandardStream: Sendable {
    let fd: Int32
    /// The `errno` of the first failed write, or 0.
    private let failure = Atomic<Int32>(0)

    init(fd: Int32) { self.fd = fd }

    /// The first failure's errno, or nil when every write went through.
    var failedErrno: Int32? {
        let e = failure.load(ordering: .acquiring)
        return e == 0 ? nil : e
    }

    func markFailed(_ code: Int32) {
        _ = failure.compareExchange(expected: 0, desired: code, ordering: .acquiringAndReleasing)
    }

    func write(_ text: String) {
        guard failedErrno == nil else { return }
        var text = text
        text.withUTF8 { buffer in
            guard var base = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let n = Foundation.write(fd, base, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    markFailed(errno)
                    return
                }
                if n == 0 { markFailed(EIO); return }
                base += n
                left -= n
            }
        }
    }

    static let output = StandardStream(fd: 1)
    static let error = StandardStream(fd: 2)

    /// Run once at process start: a write to a closed pipe is an error to report (EPIPE), not a silent
    /// death by SIGPIPE; and a standard descriptor the shell closed (`>&-`) gets /dev/null, so no file
    /// the command opens can land on it, while the stream remembers that it was closed.
    static func prepareProcess() {
        signal(SIGPIPE, SIG_IGN)
        for (fd, stream) in [(Int32(0), nil), (1, output), (2, error)] as [(Int32, StandardStream?)] {
            if fcntl(fd, F_GETFD) == -1 && errno == EBADF {
                let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
                if null >= 0 && null != fd {
                    dup2(null, fd)
                    close(null)
                }
                stream?.markFailed(EBADF)
            }
        }
    }

    /// The failure in words: "No space left on device", "it is closed", ...
    static func reason(_ code: Int32) -> String {
        switch code {
        case EBADF: "it is closed"
        case EPIPE: "the program reading it stopped (broken pipe)"
        default: String(cString: strerror(code))
        }
    }
}
