import Testing

@testable import Terminal

@Suite("Display width and wrapping")
struct WrappingTests {
    @Test func cjkCharactersTakeTwoColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("索赔") == 4)
        #expect(DisplayWidth.of("A-to-z 索赔：") == 13)
        #expect(DisplayWidth.of("e\u{301}") == 1, "a combining accent takes no column")
        #expect(DisplayWidth.of("😀") == 2)
    }

    @Test func latinTextBreaksAtSpaces() {
        let lines = TextWrapper.wrap("the quick brown fox jumps over the lazy dog", width: 15)
        #expect(lines == ["the quick brown", "fox jumps over", "the lazy dog"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 15 })
    }

    @Test func chineseTextBreaksBetweenCharactersCountingTwoColumnsEach() {
        let text = "买家在亚马逊上提出了索赔申请，卖家需要在规定时间内回复。"
        let lines = TextWrapper.wrap(text, width: 20)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(lines.joined() == text)
        #expect(lines.first.map { DisplayWidth.of($0) } == 20)
    }

    @Test func continuationLinesGetTheHangingIndent() {
        let lines = TextWrapper.wrap("1. answer the buyer within forty-eight hours", width: 20, indent: "   ")
        #expect(lines.count > 1)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("   ") && DisplayWidth.of($0) <= 20 })
    }

    @Test func aWordLongerThanTheLineIsCut() {
        let lines = TextWrapper.wrap(String(repeating: "x", count: 25), width: 10)
        #expect(lines == ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
    }

    @Test func zeroWidthMeansNoWrapping() {
        #expect(TextWrapper.wrap("a b c\nd", width: 0) == ["a b c", "d"])
    }
}

@Suite("Sanitising output")
struct SanitizerTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("red \u{1B}[31mtext\u{1B}[0m", "red text"),
        ("title \u{1B}]0;pwned\u{07}ok", "title ok"),
        ("osc \u{1B}]8;;http://x\u{1B}\\link", "osc link"),
        ("clear\u{1B}c screen", "clear screen"),
        ("bell\u{07} nul\u{0} del\u{7F}", "bell nul del"),
        ("c1 \u{9B}2Jcsi", "c1 csi"),
        ("keeps\nnewlines\tand tabs", "keeps\nnewlines\tand tabs"),
        ("中文 ok 😀", "中文 ok 😀"),
        ("cr\r\nlf", "cr\nlf"),
    ])
    func stripsControlSequences(_ input: String, _ expected: String) {
        #expect(Sanitizer.clean(input) == expected)
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        let plain = Console(environment: [:], forceTerminal: false)
        #expect(plain.styled("x", [.red]) == "x")
        let noColour = Console(environment: ["NO_COLOR": "1"], forceTerminal: true)
        #expect(noColour.styled("x", [.red]) == "x")
        let colour = Console(environment: [:], forceTerminal: true)
        #expect(colour.styled("x", [.red, .bold]) == "\u{1B}[31;1mx\u{1B}[0m")
        #expect(colour.prompt("> ", .cyan) == "\u{01}\u{1B}[36m\u{02}> \u{01}\u{1B}[0m\u{02}")
        #expect(Console(environment: ["COLUMNS": "42"], forceTerminal: false).width == 42)
        #expect(Console(environment: [:], forceTerminal: false).width == 0)
    }
}
