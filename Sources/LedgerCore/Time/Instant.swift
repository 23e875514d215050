import Foundation

/// A moment in UTC with whole-second precision, stored as ISO-8601 text "2024-02-20T12:00:00Z".
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    public init(_ date: Date) { self.seconds = Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// Canonical ISO-8601 UTC text: "2024-02-20T12:00:00Z".
    public var description: String {
        let c = CivilDate.components(of: seconds)
        // Written straight into the string's storage: one allocation (millions of rows are stamped).
        return String(unsafeUninitializedCapacity: 20) { b in
            func put(_ v: Int, _ at: Int, _ width: Int) {
                var v = v
                for i in stride(from: at + width - 1, through: at, by: -1) { b[i] = UInt8(48 + v % 10); v /= 10 }
            }
            put(c.year, 0, 4); b[4] = 45; put(c.month, 5, 2); b[7] = 45; put(c.day, 8, 2); b[10] = 84
            put(c.hour, 11, 2); b[13] = 58; put(c.minute, 14, 2); b[16] = 58; put(c.second, 17, 2); b[19] = 90
            return 20
        }
    }

    /// The UTC calendar day "2024-02-20".
    public var day: CivilDate { CivilDate.components(of: seconds).date }

    /// The calendar day of this instant in `timeZone`.
    public func day(in timeZone: TimeZone) -> CivilDate {
        let offset = Int64(timeZone.secondsFromGMT(for: date))
        return CivilDate.components(of: seconds + offset).date
    }

    public func adding(seconds s: Int64) -> Instant { Instant(seconds: seconds + s) }

    /// Parses a date ("2024-02-20", midnight UTC) or an ISO-8601 date-time ("2024-02-20T12:00:00Z",
    /// "2024-02-20T12:00:00+02:00", "2024-02-20 12:00", fractional seconds dropped). No offset: UTC.
    public init(parsing text: String) throws(TimeError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let b = Array(t.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                let c = b[i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard b.count >= 10, let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D, let d = num(8, 2),
              let date = CivilDate(year: y, month: mo, day: d)
        else { throw .malformed(text) }
        var secs = date.daysSinceEpoch * 86_400
        var i = 10
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "t"),
                  let h = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let mi = num(i + 4, 2),
                  h < 24, mi < 60
            else { throw .malformed(text) }
            secs += Int64(h * 3600 + mi * 60)
            i += 6
            if i < b.count, b[i] == 0x3A {
                guard let s = num(i + 1, 2), s < 60 else { throw .malformed(text) }
                secs += Int64(s)
                i += 3
                if i < b.count, b[i] == UInt8(ascii: ".") {
                    i += 1
                    let start = i
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                    guard i > start else { throw .malformed(text) }
                }
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
                    guard let oh = num(i + 1, 2), oh <= 18 else { throw .malformed(text) }
                    var om = 0
                    var j = i + 3
                    if j < b.count, b[j] == 0x3A { j += 1 }
                    if j < b.count {
                        guard let m = num(j, 2), m < 60 else { throw .malformed(text) }
                        om = m
                        j += 2
                    }
                    secs -= sign * Int64(oh * 3600 + om * 60)
                    i = j
                }
                guard i == b.count else { throw .malformed(text) }
            }
        }
        self.seconds = secs
    }
}

extension Instant {
    /// 2009-01-03T00:00:00Z, the day of Bitcoin's genesis block: nothing a ledger of crypto holds is earlier.
    public static let earliest = Instant(seconds: 1_230_940_800)

    /// The one rule for every time a user or a file gives: not before 2009-01-03 and at most a day
    /// after `now` (a day of slack for time zones and clock drift). `text` is the value as given.
    public func checkPlausible(now: Instant, text: String? = nil) throws(TimeError) {
        if self < Self.earliest { throw .beforeCrypto(text ?? description) }
        if seconds > now.seconds + 86_400 { throw .inFuture(text ?? description, now: now.description) }
    }
}

/// A calendar date without time zone: "2024-02-20".
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    public init(parsing text: String) throws(TimeError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let p = t.split(separator: "-", omittingEmptySubsequences: false)
        guard t.count == 10, p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              let c = CivilDate(year: y, month: m, day: d) else { throw .malformedDate(text) }
        self = c
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch z0: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = Int(m <= 2 ? y + 1 : y)
        self.month = Int(m)
        self.day = Int(d)
    }

    public var startUTC: Instant { Instant(seconds: daysSinceEpoch * 86_400) }

    /// Midnight at the start of this day in `timeZone` (the offset is the one in force then).
    public func start(in timeZone: TimeZone) -> Instant {
        let utc = startUTC
        let guess = utc.adding(seconds: -Int64(timeZone.secondsFromGMT(for: utc.date)))
        return utc.adding(seconds: -Int64(timeZone.secondsFromGMT(for: guess.date)))
    }
    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + Int64(days)) }

    /// The same month and day `years` later (Feb 29 becomes Feb 28 in a common year).
    public func adding(years: Int) -> CivilDate {
        let y = year + years
        return CivilDate(year: y, month: month, day: min(day, CivilDate.daysIn(month: month, year: y)))
            ?? self
    }

    public var description: String {
        var b = [UInt8](repeating: 45, count: 10)
        var y = year, m = month, d = day
        for i in stride(from: 3, through: 0, by: -1) { b[i] = UInt8(48 + y % 10); y /= 10 }
        b[6] = UInt8(48 + m % 10); m /= 10; b[5] = UInt8(48 + m % 10)
        b[9] = UInt8(48 + d % 10); d /= 10; b[8] = UInt8(48 + d % 10)
        return String(decoding: b, as: UTF8.self)
    }
    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    struct Parts { var year, month, day, hour, minute, second: Int; var date: CivilDate }

    static func components(of seconds: Int64) -> Parts {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rem = Int(seconds - days * 86_400)
        let d = CivilDate(daysSinceEpoch: days)
        return Parts(year: d.year, month: d.month, day: d.day, hour: rem / 3600, minute: rem % 3600 / 60, second: rem % 60, date: d)
    }
}

public enum TimeError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case malformedDate(String)
    case inFuture(String, now: String)
    case beforeCrypto(String)

    public var description: String {
        switch self {
        case .malformed(let t):
            "'\(t)' is not a date or time: write 2024-02-20, 2024-02-20T14:30:00Z or 2024-02-20T14:30:00+02:00 (UTC unless an offset is given)"
        case .malformedDate(let t):
            "'\(t)' is not a date: write YYYY-MM-DD, e.g. 2024-03-31"
        case .inFuture(let t, let now):
            "'\(t)' is more than a day in the future (now is \(now)): check the date"
        case .beforeCrypto(let t):
            "'\(t)' is before 2009-01-03, the first day of any blockchain (Bitcoin's genesis block): check the year"
        }
    }
}
