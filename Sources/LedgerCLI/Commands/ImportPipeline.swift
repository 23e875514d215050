import Foundation
import LedgerFormats

/// A bounded, blocking queue between one producer thread and one consumer. `send` waits while the
/// queue is full; `receive` waits while it is empty and returns nil once it is closed and drained.
/// Either side may close it: a closed channel refuses further sends (the producer stops early).
final class Channel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// A handful at most (`capacity`): removing from the front is cheap.
    private var items: [Element] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(capacity, 1) }

    /// Queues `element`; false when the channel was closed (the receiver gave up).
    func send(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Reads and parses an explorer export on a second thread while the caller writes rows to SQLite:
/// parsing is about half of an import's work, so the two halves overlap on two cores. Events keep
/// file order; at most `capacity` chunks (1 MiB of file each) are in flight, so memory stays bounded.
struct ExplorerPipeline {
    enum Message: Sendable {
        /// The events one chunk of the file gave, with the bytes and rows read so far.
        case events([ExplorerImportSession.Event], bytesRead: Int, rows: Int)
        /// The end of the file.
        case done(export: ExplorerExport?)
        case failed(any Error)
    }

    private let channel = Channel<Message>(capacity: 4)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading `input` on a new thread, detecting its explorer among `explorers`.
    init(input: ChunkedFile, explorers: [any ExplorerImporter.Type], options: ExplorerImportOptions) {
        let channel = self.channel, finished = self.finished
        let thread = Thread {
            defer {
                channel.close()
                finished.signal()
            }
            var session = ExplorerImportSession(explorers: explorers, options: options)
            var events: [ExplorerImportSession.Event] = []
            struct Stopped: Error {}
            do {
                try input.forEachChunk { chunk in
                    session.feed(chunk) { events.append($0) }
                    let sent = channel.send(.events(events, bytesRead: session.progress.bytesRead, rows: session.progress.rows))
                    // The next chunk gives about as many rows: size the new array once, not by doubling.
                    let last = events.count
                    events = []
                    events.reserveCapacity(last)
                    if !sent { throw Stopped() }
                    if session.isStopped { throw ChunkedFile.StopReading() }
                }
                session.finish { events.append($0) }
                if !events.isEmpty {
                    _ = channel.send(.events(events, bytesRead: session.progress.bytesRead, rows: session.progress.rows))
                }
                _ = channel.send(.done(export: session.export))
            } catch is Stopped {
            } catch {
                _ = channel.send(.failed(error))
            }
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Hands every message to `body` in order, on the calling thread; when `body` throws, stops the
    /// reader. Returns only after the reader thread has ended.
    func forEach(_ body: (Message) throws -> Void) throws {
        defer {
            channel.close()
            finished.wait()
        }
        while let message = channel.receive() { try body(message) }
    }
}
