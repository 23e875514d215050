import Foundation
import Testing
@testable import LedgerCore

@Suite struct EstimationBacktestTests {
}
