import AfterSalesKit
import Foundation
import Testing

@Suite("Progress events")
struct ProgressEventTests {
    @Test("every event type survives a write and a read unchanged")
    func roundTrip() throws {
        for event in ProgressFixtures.samples {
            let line = try event.encodedLine()
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false, "one line per event")
            let back = try ProgressEvent(jsonLine: String(decoding: line, as: UTF8.self))
            #expect(back == event)
        }
    }

    @Test("a line is flat, with type and time first and optional fields left out")
    func lineShape() throws {
        let event = ProgressEvent.choiceMade(ChoiceMade(time: ProgressFixtures.t0, scenario: "s", node: "n", number: 2,
                                                        points: -5, follows: "claims.investigate"))
        #expect(try event.jsonText() ==
            #"{"type":"choice.made","time":"2025-06-15T15:06:40.000Z","scenario":"s","node":"n","number":2,"points":-5,"follows":"claims.investigate"}"#)
    }

    @Test("the same event is written as the same bytes (sorted skills, whole seconds without a fraction)")
    func deterministic() throws {
        let a = ProgressEvent.scenarioEnded(ScenarioEnded(time: ProgressFixtures.t0, scenario: "s", ending: "e", outcome: "o",
                                                          score: 1, skills: ["z": 1, "a": 2, "m": 3], seconds: 95))
        let text = try a.jsonText()
        #expect(text.contains(#""skills":{"a":2,"m":3,"z":1}"#))
        #expect(text.contains(#""seconds":95}"#))
        #expect(try a.encodedLine() == (try a.encodedLine()))
    }

    @Test("strings with quotes, backslashes, newlines, control characters and non-ASCII are escaped and restored")
    func escaping() throws {
        let text = "a\"b\\c\nd\re\tf\u{0}g\u{1F}h\u{7F}é中😀"
        let event = ProgressEvent.replyGraded(ReplyGraded(time: ProgressFixtures.t0, rubric: "r", text: text, score: 1, verdict: "bad"))
        let line = try event.jsonText()
        #expect(!line.contains("\n"))
        #expect(line.contains(#"\u0000"#))
        guard case .replyGraded(let back) = try ProgressEvent(jsonLine: line) else { Issue.record("wrong type"); return }
        #expect(back.text == text)
    }

    @Test("a time is written in UTC with milliseconds")
    func timeFormat() throws {
        let line = try ProgressFixtures.samples[0].jsonText()
        #expect(line.contains(#""time":"2025-06-15T15:06:40.000Z""#))
    }

    @Test("keys in any order, with whitespace and escapes, and null optional fields are read")
    func tolerantReading() throws {
        let line = #"  { "follows" : null , "points":10, "number":1,"node":"n\u0031","scenario":"s","time":"2025-06-15T15:06:40.5Z","type":"choice.made" }  "#
        let event = try ProgressEvent(jsonLine: line)
        #expect(event == .choiceMade(ChoiceMade(time: Timestamp(millisecondsSince1970: 1_750_000_000_500), scenario: "s",
                                                node: "n1", number: 1, points: 10)))
    }

    @Test("escaped and unknown keys, long and short, are handled like any other")
    func oddKeys() throws {
        let line = #"{"type":"quiz.answered","a_very_long_unknown_key_name":[1,{"x":null}],"it\u0065m":"q","correct":false,"#
            + #""sixteen_bytes_ky":1,"time":"2025-06-15T15:06:40.000Z","":0}"#
        #expect(try ProgressEvent(jsonLine: line) == .quizAnswered(QuizAnswered(time: ProgressFixtures.t0, item: "q", correct: false)))
    }

    @Test("no prefix of a line is ever read as an event: a line cut off anywhere is recognised as torn")
    func prefixes() throws {
        for event in ProgressFixtures.samples {
            let line = try event.encodedLine().dropLast()
            for length in 0..<line.count {
                let prefix = String(decoding: line.prefix(length), as: UTF8.self)
                #expect((try? ProgressEvent(jsonLine: prefix)) == nil, "prefix of \(length) bytes accepted")
            }
        }
    }

    @Test("random damage never crashes the reader, and a damaged line is never silently dropped")
    func randomDamage() throws {
        var random = SeededRandom(seed: 7)
        for event in ProgressFixtures.samples {
            let line = Array(try event.encodedLine().dropLast())
            for _ in 0..<300 {
                var damaged = line
                let position = Int(random.next() % UInt64(damaged.count))
                damaged[position] = UInt8(truncatingIfNeeded: random.next())
                let result = ProgressLog.parse(Array(#"{"type":"header","schema":1,"program":"t","created":"2025-06-15T15:06:40.000Z"}"#.utf8) + [10] + damaged + [10])
                #expect(result.records.count + result.warnings.filter { if case .damagedLine = $0 { true } else { false } }.count
                    + result.warnings.filter { if case .unknownEvents = $0 { true } else { false } }.count >= 1)
            }
        }
    }

    @Test("an unknown type is kept with its raw line, not rejected")
    func unknownType() throws {
        let raw = #"{"type":"badge.earned","time":"2026-01-01T00:00:00.000Z","badge":{"id":7,"tiers":[1,2]},"score":"A+"}"#
        let event = try ProgressEvent(jsonLine: raw)
        #expect(event == .unknown(type: "badge.earned", raw: raw))
        #expect(event.time == Timestamp(iso8601: "2026-01-01T00:00:00.000Z"))
        #expect(try event.jsonText() == raw)
    }

    @Test("lines that are not events are refused with a reason", arguments: [
        (#"{"type":"choice.made","time":"2025-06-15T15:06:40.000Z","scenario":"s","node":"n","number":1}"#, "points"),
        (#"{"type":"review.rated","time":"2025-06-15T15:06:40.000Z","card":"c","rating":5,"seconds":1,"due":"2025-06-16T00:00:00.000Z","stability":1,"difficulty":1}"#, "rating"),
        (#"{"type":"quiz.answered","time":"yesterday","item":"i","correct":true}"#, "time"),
        (#"{"type":"quiz.answered","time":"2025-06-15T15:06:40.000Z","item":"i","correct":"yes"}"#, "correct"),
        (#"{"type":"quiz.answered","time":"2025-06-15T15:06:40.000Z","item":"i","correct":true,"rules":[1]}"#, "rules"),
        (#"{"time":"2025-06-15T15:06:40.000Z"}"#, "type"),
        (#"{"type":"choice.made","time":"2025-06-15T15:06:40.000Z","scen"#, "unterminated"),
        (#"{"type":"quiz.answered"} trailing"#, "after"),
        ("\u{0}\u{0}\u{0}", "expected"),
    ])
    func refused(line: String, mention: String) {
        do {
            _ = try ProgressEvent(jsonLine: line)
            Issue.record("accepted: \(line)")
        } catch {
            #expect(error.description.contains(mention), "\(error)")
        }
    }

    @Test("Codable uses the same flat shape as the file")
    func codable() throws {
        for event in ProgressFixtures.samples {
            let data = try JSONEncoder().encode(event)
            let back = try JSONDecoder().decode(ProgressEvent.self, from: data)
            #expect(back == event)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["type"] as? String == event.type)
        }
        let unknown = ProgressEvent.unknown(type: "x.y", raw: #"{"type":"x.y","n":18446744073709551615}"#)
        let back = try JSONDecoder().decode(ProgressEvent.self, from: try JSONEncoder().encode(unknown))
        guard case .unknown(let type, let raw) = back else { Issue.record("not unknown"); return }
        #expect(type == "x.y")
        #expect(raw.contains("18446744073709551615"))
    }

    @Test("a reply event is made from a grade report")
    func fromGradeReport() {
        let report = GradeReport(rubric: "apology-letter", score: 60, verdict: .acceptable,
                                 criteria: [CriterionResult(id: "sorry", met: true, rule: "apology.sincere-apology", weight: 1),
                                            CriterionResult(id: "plan", met: false, rule: "apology.concrete-solution", weight: 1),
                                            CriterionResult(id: "again", met: true, rule: "apology.no-blame", weight: 1)],
                                 violations: [ViolationResult(id: "blame", rule: "apology.no-blame", critical: false, penalty: 10)])
        let event = ReplyGraded(time: ProgressFixtures.t0, scenario: "s", node: "n", text: "Sorry", report: report)
        #expect(event.violations == ["blame"])
        #expect(event.missed == ["plan"])
        #expect(event.rules == ["apology.no-blame", "apology.concrete-solution"])
        #expect(event.met == ["apology.sincere-apology"])
        #expect(event.verdict == "acceptable")
    }

    @Test("non-finite numbers are refused when writing")
    func nonFinite() {
        let event = ProgressEvent.reviewRated(ReviewRated(time: ProgressFixtures.t0, card: "c", rating: 3, seconds: .nan,
                                                          due: ProgressFixtures.t0, stability: 1, difficulty: 1))
        #expect(throws: ProgressError.self) { try event.encodedLine() }
    }
}

@Suite("Progress timestamps")
struct ProgressTimestampTests {
    @Test("format and parse agree across years, leap days and negative times", arguments: [
        ("1970-01-01T00:00:00.000Z", Int64(0)),
        ("1969-12-31T23:59:59.999Z", Int64(-1)),
        ("2024-02-29T12:00:00.001Z", Int64(1_709_208_000_001)),
        ("2000-03-01T00:00:00.000Z", Int64(951_868_800_000)),
        ("2099-12-31T23:59:59.123Z", Int64(4_102_444_799_123)),
    ])
    func roundTrip(text: String, ms: Int64) {
        #expect(Timestamp(millisecondsSince1970: ms).iso8601 == text)
        #expect(Timestamp(iso8601: text)?.millisecondsSince1970 == ms)
    }

    @Test("offsets and fractions of other lengths are read")
    func variants() {
        #expect(Timestamp(iso8601: "2025-06-15T17:06:40+02:00") == ProgressFixtures.t0)
        #expect(Timestamp(iso8601: "2025-06-15T15:06:40.1Z")?.millisecondsSince1970 == 1_750_000_000_100)
        #expect(Timestamp(iso8601: "2025-06-15T15:06:40.123456789Z")?.millisecondsSince1970 == 1_750_000_000_123)
    }

    @Test("impossible dates and malformed text are refused", arguments: [
        "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-06-15T24:00:00Z", "2025-06-15 15:06:40Z",
        "2025-06-15T15:06:40", "2025-06-15T15:06:40.Z", "2025-06-15T15:06:40Zjunk", "", "2025-06-15",
    ])
    func refused(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }
}
