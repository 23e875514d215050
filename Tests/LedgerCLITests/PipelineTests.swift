// The channel between the import's reader thread and its writer.
import Foundation
@testable import LedgerCLI
import Testing

@Suite("Import pipeline channel")
struct PipelineTests {
    @Test("every item arrives once, in order, while the queue stays bounded")
    func ordered() {
        let channel = Channel<Int>(capacity: 3)
        let done = DispatchSemaphore(value: 0)
        Thread {
            for i in 0..<20_000 { _ = channel.send(i) }
            channel.close()
            done.signal()
        }.start()
        var received: [Int] = []
        while let i = channel.receive() { received.append(i) }
        done.wait()
        #expect(received == Array(0..<20_000))
    }

    @Test("closing from the receiving side stops the producer")
    func stop() {
        let channel = Channel<Int>(capacity: 2)
        let done = DispatchSemaphore(value: 0)
        final class Count: @unchecked Sendable { var sent = 0, refused = false }
        let count = Count()
        Thread {
            for i in 0..<1_000_000 {
                if !channel.send(i) { count.refused = true; break }
                count.sent += 1
            }
            done.signal()
        }.start()
        #expect(channel.receive() == 0)
        channel.close()
        done.wait()
        #expect(count.refused)
        #expect(count.sent < 10)
    }
}
