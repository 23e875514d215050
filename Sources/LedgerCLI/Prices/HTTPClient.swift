// The one place airledger talks to the network, and only when a command asks (`price fetch`,
// `--fetch-prices`). Foundation's URLSession (FoundationNetworking on Linux, libcurl underneath)
// ships with the Swift toolchain: no package to build (AsyncHTTPClient would add swift-nio,
// swift-nio-ssl with its BoringSSL C sources, swift-nio-http2, -extras, -transport-services and
// swift-log to every clean build), nothing added to the binary but a link to a library the
// toolchain already installs. A few sequential GETs need nothing more. Measured (Swift 6.3, Linux,
// -O): a program using URLSession is 360 bytes larger than one without; the cost is at load time:
// the binary needs libFoundationNetworking.so and the system's libcurl.so.4 (with nghttp2 and
// OpenSSL) to start, even for commands that never fetch.
import Foundation
import LedgerFormats
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a request gave no usable answer after its retries.
struct FetchFailure: Error, CustomStringConvertible {
    var url: String
    var reason: String
    var description: String { "\(url): \(reason)" }
}

/// Sequential GETs with a timeout, a pause between requests, and bounded retries: HTTP 429 waits for
/// `Retry-After` (seconds or an HTTP date) when the service sends it, else backs off; 5xx, timeouts and
/// dropped connections back off exponentially with jitter; other 4xx fail at once.
final class HTTPClient: @unchecked Sendable {
    let timeout: TimeInterval
    let attempts: Int
    let backoff: TimeInterval
    let minInterval: TimeInterval
    let maxWait: TimeInterval
    private(set) var requests = 0
    private var lastStart: Date?
    private let session: URLSession

    init(environment env: [String: String]) {
        func number(_ k: String, _ d: Double) -> Double { env[k].flatMap(Double.init).map { max(0, $0) } ?? d }
        timeout = number("AIRLEDGER_HTTP_TIMEOUT", 30)
        attempts = Int(number("AIRLEDGER_HTTP_ATTEMPTS", 4).rounded()).clamped(1, 10)
        backoff = number("AIRLEDGER_HTTP_BACKOFF_MS", 1000) / 1000
        // DefiLlama's free plan allows "10 to 200 requests per minute"; rotki keeps to 1.5 per second.
        minInterval = number("AIRLEDGER_HTTP_INTERVAL_MS", 700) / 1000
        maxWait = number("AIRLEDGER_HTTP_MAX_WAIT", 120)
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = timeout
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.httpAdditionalHeaders = ["User-Agent": "airledger", "Accept": "application/json"]
        session = URLSession(configuration: config)
    }

    struct Answer { var status: Int; var headers: [String: String]; var body: [UInt8] }

    /// The body of a 200 answer to `url`, after at most `attempts` tries.
    func get(_ url: String, headers: [String: String] = [:]) throws(FetchFailure) -> [UInt8] {
        guard let u = URL(string: url) else { throw FetchFailure(url: url, reason: "not a valid URL: check the base URL setting") }
        var last = ""
        for attempt in 1...attempts {
            pace()
            requests += 1
            let wait: TimeInterval
            switch once(u, headers: headers) {
            case .success(let a) where a.status == 200:
                return a.body
            case .success(let a) where a.status == 429:
                last = "HTTP 429 (rate limited)" + (PriceAnswers.errorMessage(a.body).map { ": \($0)" } ?? "")
                if let ra = a.headers["retry-after"].flatMap(Self.retryAfter) {
                    guard ra <= maxWait else {
                        throw FetchFailure(url: url, reason: "\(last); the service asks to wait \(Int(ra)) s: try again later")
                    }
                    wait = ra
                } else {
                    wait = jittered(attempt)
                }
            case .success(let a) where a.status >= 500 || a.status == 408:
                last = "HTTP \(a.status)" + (PriceAnswers.errorMessage(a.body).map { ": \($0)" } ?? "")
                wait = jittered(attempt)
            case .success(let a):
                throw FetchFailure(url: url, reason: "HTTP \(a.status)" + (PriceAnswers.errorMessage(a.body).map { ": \($0)" } ?? ""))
            case .failure(let reason):
                last = reason
                wait = jittered(attempt)
            }
            if attempt < attempts { Thread.sleep(forTimeInterval: wait) }
        }
        throw FetchFailure(url: url, reason: "\(last) (gave up after \(attempts) tries)")
    }

    private func jittered(_ attempt: Int) -> TimeInterval {
        backoff * pow(2, Double(attempt - 1)) * Double.random(in: 0.8...1.2)
    }

    private func pace() {
        if let l = lastStart {
            let gap = Date().timeIntervalSince(l)
            if gap < minInterval { Thread.sleep(forTimeInterval: minInterval - gap) }
        }
        lastStart = Date()
    }

    private enum Outcome { case success(Answer), failure(String) }
    private final class Box: @unchecked Sendable { var result: Outcome = .failure("no answer") }

    private func once(_ url: URL, headers: [String: String]) -> Outcome {
        var req = URLRequest(url: url, timeoutInterval: timeout)
        for (k, v) in headers { req.setValue(v, forHTTPHeaderField: k) }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: req) { data, response, error in
            if let e = error as? URLError {
                box.result = .failure(e.code == .timedOut ? "no answer within \(Int(self.timeout)) s" : "network error: \(e.localizedDescription)")
            } else if let e = error {
                box.result = .failure("network error: \(e.localizedDescription)")
            } else if let h = response as? HTTPURLResponse {
                var hs: [String: String] = [:]
                for (k, v) in h.allHeaderFields { hs[String(describing: k).lowercased()] = String(describing: v) }
                box.result = .success(Answer(status: h.statusCode, headers: hs, body: Array(data ?? Data())))
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            return .failure("no answer within \(Int(timeout)) s")
        }
        return box.result
    }

    /// `Retry-After`: delay-seconds or an HTTP date.
    static func retryAfter(_ v: String) -> TimeInterval? {
        let t = v.trimmingCharacters(in: .whitespaces)
        if let s = Double(t), s >= 0 { return s }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return f.date(from: t).map { max(0, $0.timeIntervalSinceNow) }
    }
}

private extension Int {
    func clamped(_ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(self, lo), hi) }
}
