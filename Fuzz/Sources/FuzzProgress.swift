import AfterSalesKit
import Foundation

/// Any bytes as a progress file: parsed and replayed into a trainee's state.
enum FuzzProgress {
    static func run(_ data: Data) {
        let parsed = ProgressLog.parse(Array(data))
        _ = TraineeState(replaying: parsed.records.map(\.event))
    }
}
