/// Hours since a scenario opened, shown as a day and a time of day ("day 2, 14:00").
public struct SimulatedClock: Sendable, Codable, Equatable {
    public var startHour: Double
    public var elapsed: Double

    public init(startHour: Double, elapsed: Double = 0) {
        self.startHour = startHour
        self.elapsed = elapsed
    }

    public var day: Int { Int(((startHour + elapsed) / 24).rounded(.down)) + 1 }

    public var timeOfDay: String {
        let minutes = Int(((startHour + elapsed) * 60).rounded()) % (24 * 60)
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
