// LedgerPostgres: the team ledger on a PostgreSQL server (issue 18), through vapor/postgres-nio.
// Invariants: a password is never printed (every message shows the URL masked), never stored in the
// ledger; a connection to a host other than loopback is encrypted unless `sslmode=disable` says not.
import Foundation

/// Where a PostgreSQL ledger is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`
/// (`postgresql://` too), with what the URL leaves out taken from libpq's environment (PGUSER,
/// PGPASSWORD, PGHOST, PGPORT, PGDATABASE, PGSSLMODE) and the password from `.pgpass`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The `sslmode` given (URL, else PGSSLMODE); nil when neither gives one.
    public var sslMode: SSLMode?

    /// libpq's modes. `allow` and `prefer` may fall back to an unencrypted connection.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// How the connection is encrypted, from the host and the mode.
    public enum Encryption: Sendable, Equatable {
        /// No TLS: loopback without a mode, or `sslmode=disable`.
        case none
        /// TLS if the server offers it (loopback only).
        case preferred
        /// TLS, the certificate not checked (`require`, as libpq).
        case required
        /// TLS with the certificate checked against the system's roots; the host name too when `hostName`.
        case verified(hostName: Bool)
    }

    public static func isPostgres(_ text: String) -> Bool {
        let t = text.lowercased()
        return t.hasPrefix("postgres://") || t.hasPrefix("postgresql://")
    }

    /// The URL as it may be shown: the password replaced by `***`.
    public var description: String {
        let auth = password == nil ? Self.escape(user) : Self.escape(user) + ":***"
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(auth)@\(h):\(port)/\(Self.escape(database))" + (sslMode.map { "?sslmode=\($0.rawValue)" } ?? "")
    }

    /// True for 127.0.0.0/8, ::1 and `localhost`: traffic that never leaves the machine.
    public var isLoopback: Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { p in UInt8(p) != nil }
    }

    /// The encryption this URL asks for, or the reason it is refused: a server beyond loopback is
    /// reached only over TLS unless `sslmode=disable` is given on purpose.
    public func encryption() throws(PostgresError) -> Encryption {
        switch sslMode {
        case .disable: return .none
        case .require: return .required
        case .verifyCA: return .verified(hostName: false)
        case .verifyFull: return .verified(hostName: true)
        case nil: return isLoopback ? .preferred : .verified(hostName: true)
        case .some(let mode):  // allow, prefer
            if isLoopback { return .preferred }
            throw .url(PostgresURLError(text: description, problem:
                "sslmode=\(mode.rawValue) may fall back to an unencrypted connection to \(host), which is not a loopback address: "
                + "airledger sends a ledger to another host only over TLS. Use sslmode=verify-full (or require), or sslmode=disable if the network is yours"))
        }
    }

    /// Parses `text`; what it leaves out comes from `environment` (PG* variables, HOME, PGPASSFILE)
    /// and the password file, read through `readFile` (path -> contents and whether only its owner
    /// can read it).
    public init(parsing text: String, environment: [String: String] = [:],
                readFile: (String) -> (text: String, private: Bool)? = PostgresURL.readPrivateFile) throws(PostgresURLError) {
        func fail(_ problem: String) -> PostgresURLError { PostgresURLError(text: Self.masking(text), problem: problem) }
        let lower = text.lowercased()
        let schemeLength: Int
        if lower.hasPrefix("postgres://") { schemeLength = 11 } else if lower.hasPrefix("postgresql://") { schemeLength = 13 } else {
            throw fail("not a PostgreSQL URL: write postgres://USER@HOST:PORT/DATABASE")
        }
        var rest = Substring(text.dropFirst(schemeLength))
        if rest.contains("#") { throw fail("a URL fragment ('#...') means nothing here: remove it (write '#' in a password as %23)") }
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        // The authority ends at the first '/' after the last '@' (a password may hold '/' only as %2F).
        let at = rest.lastIndex(of: "@")
        let afterAt = at.map { rest.index(after: $0) } ?? rest.startIndex
        var path: Substring = ""
        var authority = rest
        if let slash = rest[afterAt...].firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; authority = rest[..<slash] }
        var userText: String?, passwordText: String?
        var hostPort = authority
        if let at {
            let info = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                userText = try Self.decode(info[..<colon], "the user name", fail)
                passwordText = try Self.decode(info[info.index(after: colon)...], "the password", fail)
            } else {
                userText = try Self.decode(info, "the user name", fail)
            }
        }
        var hostText: String?, portText: String?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw fail("the IPv6 address has no closing ']': write postgres://USER@[::1]:5432/DB") }
            hostText = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let tail = hostPort[hostPort.index(after: close)...]
            if !tail.isEmpty {
                guard tail.hasPrefix(":") else { throw fail("unexpected '\(tail)' after the IPv6 address: write [ADDRESS]:PORT") }
                portText = String(tail.dropFirst())
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            hostText = String(hostPort[..<colon])
            portText = String(hostPort[hostPort.index(after: colon)...])
        } else if !hostPort.isEmpty {
            hostText = String(hostPort)
        }
        if let h = hostText, h.contains(",") {
            throw fail("several hosts ('\(h)') are not supported: name one server")
        }
        if let h = hostText, h.isEmpty { hostText = nil }
        if let h = hostText, h.contains(where: { $0 == "%" || $0 == "/" || $0 == " " || $0 == "@" }) {
            throw fail("'\(h)' is not a host name: write a name or an address, e.g. db.example.com or 127.0.0.1")
        }
        let env = environment
        guard let host = hostText ?? env["PGHOST"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw fail("no host: write postgres://USER@HOST:PORT/DATABASE (or set PGHOST)")
        }
        if host.hasPrefix("/") {
            throw fail("PGHOST '\(host)' is a unix socket folder: airledger connects over TCP; give the host in the URL, e.g. postgres://USER@127.0.0.1:5432/DB")
        }
        let portString = (portText?.isEmpty == false ? portText : nil) ?? env["PGPORT"].flatMap { $0.isEmpty ? nil : $0 }
        var port = 5432
        if let p = portString {
            guard p.allSatisfy(\.isASCII), p.allSatisfy(\.isNumber), let n = Int(p), (1...65535).contains(n) else {
                throw fail("'\(p)' is not a port: give a number from 1 to 65535, e.g. :5432")
            }
            port = n
        }
        guard let user = (userText?.isEmpty == false ? userText : nil) ?? env["PGUSER"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw fail("no user name: write postgres://USER@\(host.contains(":") ? "[\(host)]" : host):\(port)/DATABASE (or set PGUSER)")
        }
        var database: String
        if path.isEmpty {
            database = env["PGDATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? user
        } else {
            if path.contains("/") { throw fail("'/\(path)' is not a database name: write one name after the host, e.g. /airledger") }
            database = try Self.decode(path, "the database name", fail)
        }
        var sslMode: SSLMode?
        if !query.isEmpty {
            for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(kv[0]), value = kv.count == 2 ? String(kv[1]) : ""
                guard key == "sslmode" else {
                    throw fail("unknown parameter '\(key)': airledger reads only sslmode (disable, require, verify-ca, verify-full) from the URL")
                }
                guard let m = SSLMode(rawValue: value) else {
                    throw fail("sslmode '\(value)' is not a mode: use disable, require, verify-ca or verify-full (allow and prefer on loopback only)")
                }
                sslMode = m
            }
        }
        if sslMode == nil, let e = env["PGSSLMODE"], !e.isEmpty {
            guard let m = SSLMode(rawValue: e) else {
                throw fail("PGSSLMODE '\(e)' is not a mode: use disable, require, verify-ca or verify-full")
            }
            sslMode = m
        }
        var password = passwordText.flatMap { $0.isEmpty ? nil : $0 } ?? env["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if password == nil {
            let file = env["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? env["HOME"].map { $0 + "/.pgpass" }
            // libpq ignores a password file that others can read; so does airledger.
            if let file, let found = readFile(file), found.private {
                password = Self.pgpassPassword(found.text, host: host, port: port, database: database, user: user)
            }
        }
        self.user = user; self.password = password; self.host = host; self.port = port; self.database = database; self.sslMode = sslMode
    }

    /// The first matching line of a `.pgpass` file (`host:port:database:user:password`, `*` matches
    /// anything, `\:` and `\\` escape).
    static func pgpassPassword(_ contents: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in contents.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [], current = "", escaped = false
            for ch in line {
                if escaped { current.append(ch); escaped = false } else if ch == "\\" { escaped = true } else if ch == ":" && fields.count < 4 {
                    fields.append(current); current = ""
                } else { current.append(ch) }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let want = [host, String(port), database, user]
            if zip(fields.prefix(4), want).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && $1 == "127.0.0.1") }) {
                return fields[4]
            }
        }
        return nil
    }

    public static func readPrivateFile(_ path: String) -> (text: String, private: Bool)? {
        var st = stat()
        guard stat(path, &st) == 0, let data = FileManager.default.contents(atPath: path) else { return nil }
        return (String(decoding: data, as: UTF8.self), st.st_mode & 0o077 == 0)
    }

    static func decode(_ s: Substring, _ what: String, _ fail: (String) -> PostgresURLError) throws(PostgresURLError) -> String {
        guard let d = String(s).removingPercentEncoding else {
            throw fail("\(what) has a '%' that is not followed by two hex digits: write '%' itself as %25")
        }
        return d
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// `text` with the password of every PostgreSQL URL in it replaced by `***`: for any message or
    /// record that may hold a URL as the user typed it, parsed or not.
    public static func masking(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let r = rest.range(of: "postgres", options: .caseInsensitive) {
            out += rest[..<r.lowerBound]
            var tail = rest[r.lowerBound...]
            guard let sep = tail.range(of: "://") else { out += tail; rest = ""; break }
            let scheme = tail[..<sep.lowerBound].lowercased()
            guard scheme == "postgres" || scheme == "postgresql" else {
                out += tail[..<sep.upperBound]; rest = tail[sep.upperBound...]; continue
            }
            out += tail[..<sep.upperBound]
            tail = tail[sep.upperBound...]
            // This URL runs to the next whitespace; its user information to the last '@' in it.
            let end = tail.firstIndex(where: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "'" || $0 == "\"" }) ?? tail.endIndex
            let url = tail[..<end]
            if let at = url.lastIndex(of: "@"), let colon = url[..<at].firstIndex(of: ":") {
                out += url[...colon] + "***" + url[at...]
            } else {
                out += url
            }
            rest = tail[end...]
        }
        return out + rest
    }
}

/// A PostgreSQL URL that cannot be used: the URL (masked) and what is wrong, with the fix.
public struct PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let problem: String
    public var description: String { "\(text): \(problem)" }
}
