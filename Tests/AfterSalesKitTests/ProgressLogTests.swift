import AfterSalesKit
import Foundation
import Testing

@Suite("Progress log file")
struct ProgressLogTests {
    @Test("a new file gets a header line, mode 0600, and its directories mode 0700")
    func creation() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("a/b/ana.jsonl")
        let log = try ProgressLog(path: path, program: "aftersales 1.2.3", now: ProgressFixtures.t0)
        #expect(log.created)
        #expect(log.isWritable)
        #expect(log.header == ProgressHeader(schema: 1, program: "aftersales 1.2.3", created: ProgressFixtures.t0))
        #expect(ProgressFixtures.read(path) ==
            #"{"type":"header","schema":1,"program":"aftersales 1.2.3","created":"2025-06-15T15:06:40.000Z"}"# + "\n")
        #expect(ProgressFixtures.mode(path) == 0o600)
        #expect(ProgressFixtures.mode(dir.file("a")) == 0o700)
        #expect(ProgressFixtures.mode(dir.file("a/b")) == 0o700)
        // Opening again neither rewrites the header nor counts as creating.
        let again = try ProgressLog(path: path, program: "aftersales 9", now: ProgressFixtures.time(99))
        #expect(!again.created)
        #expect(again.header?.program == "aftersales 1.2.3")
    }

    @Test("appended events are read back in order, with their line numbers")
    func appendAndRead() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        let log = try ProgressLog(path: path, program: "t")
        for event in ProgressFixtures.samples { try log.append(event) }
        let (records, warnings) = try log.records()
        #expect(warnings.isEmpty)
        #expect(records.map(\.event) == ProgressFixtures.samples)
        #expect(records.map(\.line) == Array(2...(ProgressFixtures.samples.count + 1)))
        #expect(ProgressFixtures.lines(path).count == ProgressFixtures.samples.count + 2)  // + header + final empty
        // A second log object on the same file (another process, in effect) sees the same and can add to it.
        let other = try ProgressLog(path: path, program: "t")
        try other.append(contentsOf: [ProgressFixtures.samples[0], ProgressFixtures.samples[1]])
        #expect(try log.records().records.count == ProgressFixtures.samples.count + 2)
    }

    @Test("threads of one process appending through one log write whole lines")
    func threads() async throws {
        let dir = ProgressTempDirectory()
        let log = try ProgressLog(path: dir.file("ana.jsonl"), program: "t")
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<4 {
                group.addTask {
                    for index in 0..<50 {
                        let event = ProgressEvent.quizAnswered(QuizAnswered(time: ProgressFixtures.time(Double(index)),
                                                                            item: "t\(thread)-\(index)", correct: true))
                        try? log.append(event)
                    }
                }
            }
        }
        let (records, warnings) = try log.records()
        #expect(warnings.isEmpty)
        #expect(records.count == 200)
        #expect(Set(records.compactMap { if case .quizAnswered(let q) = $0.event { q.item } else { nil } }).count == 200)
    }

    @Test("trainee names that could escape the directory or hide the file are refused", arguments: [
        ("", TraineeName.Problem.empty), ("a/b", .pathSeparator), ("a\\b", .pathSeparator), ("..", .dotDot),
        ("a..b", .dotDot), (".hidden", .leadingDot), ("a\u{0}b", .controlCharacter), ("a\nb", .controlCharacter),
        ("a\u{7F}", .controlCharacter), ("a\u{2028}b", .controlCharacter), (" ana", .surroundingSpace),
        (String(repeating: "x", count: 65), .tooLong(65)),
    ])
    func badNames(name: String, problem: TraineeName.Problem) {
        #expect(TraineeName.problem(with: name) == problem)
        #expect(throws: ProgressError.invalidTraineeName(name, problem)) { try TraineeName(name) }
    }

    @Test("ordinary names in any script are accepted", arguments: ["ana", "Ana Lima", "李雷", "j.doe", "x_y-z@shop", String(repeating: "é", count: 64)])
    func goodNames(name: String) throws {
        #expect(try TraineeName(name).value == name)
    }

    @Test("the default file follows XDG_DATA_HOME, else HOME/.local/share")
    func defaultPath() throws {
        let ana = try TraineeName("ana")
        #expect(try ProgressLocation.defaultFile(for: ana, environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/ana"])
            == "/data/aftersales/ana.jsonl")
        #expect(try ProgressLocation.defaultFile(for: ana, environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/ana/"])
            == "/home/ana/.local/share/aftersales/ana.jsonl")
        #expect(try ProgressLocation.defaultFile(for: ana, environment: ["XDG_DATA_HOME": "", "HOME": "/home/ana"])
            == "/home/ana/.local/share/aftersales/ana.jsonl")
        #expect(throws: ProgressError.noDataDirectory) { try ProgressLocation.defaultFile(for: ana, environment: [:]) }
        #expect(TraineeName.login(environment: ["USER": "bob"])?.value == "bob")
        #expect(TraineeName.login(environment: ["LOGNAME": "../x", "USER": "bob"])?.value == "bob")
    }

    @Test("a torn last line is moved to .corrupt, the rest kept, and appends go on")
    func tornTail() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        do {
            let log = try ProgressLog(path: path, program: "t")
            try log.append(ProgressFixtures.samples[0])
            try log.append(ProgressFixtures.samples[1])
        }
        let torn = #"{"type":"choice.made","time":"2025-06-15T15:0"#
        ProgressFixtures.append(torn, to: path)
        let log = try ProgressLog(path: path, program: "t")
        #expect(log.openingWarnings == [.tornTailMoved(line: 4, bytes: torn.utf8.count, movedTo: path + ".corrupt")])
        #expect(ProgressFixtures.read(path + ".corrupt") == torn + "\n")
        #expect(ProgressFixtures.mode(path + ".corrupt") == 0o600)
        #expect(try log.records().records.map(\.event) == Array(ProgressFixtures.samples[0...1]))
        try log.append(ProgressFixtures.samples[2])
        #expect(try log.records().records.map(\.event) == Array(ProgressFixtures.samples[0...2]))
        #expect(ProgressFixtures.read(path).hasSuffix("\n"))
    }

    @Test("a second torn line is appended to the existing .corrupt file, never overwriting it")
    func corruptIsAppended() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        _ = try ProgressLog(path: path, program: "t")
        ProgressFixtures.write("earlier evidence\n", to: path + ".corrupt")
        ProgressFixtures.append(#"{"type":"quiz.answ"#, to: path)
        _ = try ProgressLog(path: path, program: "t")
        ProgressFixtures.append(#"{"type":"exam"#, to: path)
        _ = try ProgressLog(path: path, program: "t")
        #expect(ProgressFixtures.read(path + ".corrupt") == "earlier evidence\n" + #"{"type":"quiz.answ"# + "\n" + #"{"type":"exam"# + "\n")
    }

    @Test("a last line that ends in a newline but is not JSON (garbage after a crash) is also set aside")
    func garbageLastLine() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        let log = try ProgressLog(path: path, program: "t")
        try log.append(ProgressFixtures.samples[0])
        ProgressFixtures.append("\u{0}\u{0}\u{0}\u{0}\n", to: path)
        let reopened = try ProgressLog(path: path, program: "t")
        #expect(reopened.openingWarnings == [.tornTailMoved(line: 3, bytes: 5, movedTo: path + ".corrupt")])
        #expect(try reopened.records().records.count == 1)
    }

    @Test("another process's torn tail is repaired before the next append, not merged into it")
    func tornTailBeforeAppend() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        let log = try ProgressLog(path: path, program: "t")
        try log.append(ProgressFixtures.samples[0])
        ProgressFixtures.append(#"{"type":"cho"#, to: path)  // a crashed writer, after we opened
        let warnings = try log.append(ProgressFixtures.samples[1])
        #expect(warnings == [.tornTailMoved(line: 3, bytes: 12, movedTo: path + ".corrupt")])
        let (records, readWarnings) = try log.records()
        #expect(readWarnings.isEmpty)
        #expect(records.map(\.event) == Array(ProgressFixtures.samples[0...1]))
    }

    @Test("a damaged line in the middle is reported with its number, skipped, and left in the file")
    func middleDamage() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        let log = try ProgressLog(path: path, program: "t")
        try log.append(ProgressFixtures.samples[0])
        ProgressFixtures.append("{\"type\":\"choice.made\",\"ti\u{0}me\n", to: path)
        ProgressFixtures.append(#"{"type":"quiz.answered","time":"2025-06-15T15:06:40.000Z","item":"q"}"# + "\n", to: path)
        let before = ProgressFixtures.read(path)
        try log.append(ProgressFixtures.samples[1])
        let reopened = try ProgressLog(path: path, program: "t")
        #expect(reopened.openingWarnings.isEmpty)
        let (records, warnings) = try reopened.records()
        #expect(records.map(\.event) == Array(ProgressFixtures.samples[0...1]))
        #expect(records.map(\.line) == [2, 5])
        #expect(warnings.count == 2)
        guard case .damagedLine(3, let reason) = warnings[0], case .damagedLine(4, let missing) = warnings[1] else {
            Issue.record("\(warnings)")
            return
        }
        #expect(reason.contains("control character"))
        #expect(missing.contains("\"correct\" is missing"))
        #expect(ProgressFixtures.read(path).hasPrefix(before), "damaged lines are never deleted")
        #expect(!FileManager.default.fileExists(atPath: path + ".corrupt"))
    }

    @Test("a file from a newer schema is read but never written, with a clear reason")
    func newerSchema() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        let event = try ProgressFixtures.samples[1].jsonText()
        let original = #"{"type":"header","schema":2,"program":"aftersales 9.0","created":"2030-01-01T00:00:00.000Z"}"# + "\n"
            + event + "\n" + #"{"type":"mood.logged","time":"2030-01-01T00:00:00.000Z","mood":3}"# + "\n" + #"{"type":"cho"#
        ProgressFixtures.write(original, to: path)
        let log = try ProgressLog(path: path, program: "aftersales 1.0")
        let reason = ProgressError.ReadOnlyReason.newerSchema(found: 2, supported: 1)
        #expect(!log.isWritable)
        #expect(log.readOnlyReason == reason)
        #expect(log.openingWarnings == [.readOnly(reason)])
        #expect(throws: ProgressError.readOnly(path: path, reason: reason)) { try log.append(ProgressFixtures.samples[0]) }
        #expect(ProgressError.readOnly(path: path, reason: reason).description.contains("newer version"))
        let (records, warnings) = try log.records()
        #expect(records.count == 2)
        #expect(warnings.contains(.tornTailIgnored(line: 4, bytes: 12)))
        #expect(warnings.contains(.unknownEvents(count: 1, types: ["mood.logged"])))
        #expect(ProgressFixtures.read(path) == original, "a read-only file is not changed, not even its torn tail")
    }

    @Test("a file that is not a progress file is opened read-only and left alone")
    func foreignFile() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("notes.txt")
        ProgressFixtures.write("shopping list\neggs\n", to: path)
        let log = try ProgressLog(path: path, program: "t")
        #expect(!log.isWritable)
        guard case .notAProgressFile? = log.readOnlyReason else { Issue.record("\(String(describing: log.readOnlyReason))"); return }
        #expect(ProgressFixtures.read(path) == "shopping list\neggs\n")
    }

    @Test("a header cut off while the file was created is set aside and a new header written")
    func tornHeader() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        ProgressFixtures.write(#"{"type":"header","sche"#, to: path)
        let log = try ProgressLog(path: path, program: "t", now: ProgressFixtures.t0)
        #expect(log.isWritable)
        #expect(log.header?.program == "t")
        #expect(log.openingWarnings == [.tornTailMoved(line: 1, bytes: 22, movedTo: path + ".corrupt")])
        #expect(ProgressFixtures.lines(path).count == 2)
    }

    @Test("a file without write permission is read-only with a clear error on append")
    func notWritable() throws {
        guard getuid() != 0 else { return }  // root ignores file modes; the reliability script covers this case as root
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        try ProgressLog(path: path, program: "t").append(ProgressFixtures.samples[0])
        chmod(path, 0o400)
        let log = try ProgressLog(path: path, program: "t")
        #expect(!log.isWritable)
        #expect(throws: ProgressError.self) { try log.append(ProgressFixtures.samples[1]) }
        #expect(try log.records().records.count == 1)
    }

    @Test("an append to a file replaced behind our back is refused, not lost in an unlinked inode")
    func replaced() throws {
        let dir = ProgressTempDirectory()
        let path = dir.file("ana.jsonl")
        let log = try ProgressLog(path: path, program: "t")
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: ProgressError.fileReplaced(path: path)) { try log.append(ProgressFixtures.samples[0]) }
    }

    @Test("opening read-only never creates the file")
    func readOnlyOpen() {
        let dir = ProgressTempDirectory()
        let path = dir.file("nobody.jsonl")
        #expect(throws: ProgressError.self) { try ProgressLog(path: path, program: "t", access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("more damaged lines than are listed are summarised")
    func manyDamaged() {
        var text = #"{"type":"header","schema":1,"program":"t","created":"2025-06-15T15:06:40.000Z"}"# + "\n"
        for _ in 0..<150 { text += "nonsense\n" }
        let result = ProgressLog.parse(Array(text.utf8))
        #expect(result.warnings.count == 101)
        #expect(result.warnings.last == .moreDamagedLines(count: 50))
    }

    @Test("replay reads what the file holds into a trainee state")
    func replayFromFile() throws {
        let dir = ProgressTempDirectory()
        let log = try ProgressLog(path: dir.file("ana.jsonl"), program: "t")
        try log.append(contentsOf: ProgressFixtures.samples)
        let (state, warnings) = try log.replay()
        #expect(warnings.isEmpty)
        #expect(state.eventCount == ProgressFixtures.samples.count)
        #expect(state.bestScore(of: "atoz-shattered-blender") == 85)
        #expect(state == TraineeState(replaying: ProgressFixtures.samples))
    }
}
