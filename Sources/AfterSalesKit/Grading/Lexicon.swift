import Foundation

/// All lexicon files compiled once into what grading needs: the vocabulary, every phrase as integer slots indexed
/// by the words it can start with, the guards (suppression, negation) in the order they must be applied,
/// and the shape detectors. Compiling is the slow part; grading a reply then only reads this.
public struct Lexicon: Sendable {
    public enum Kind: Sendable, Equatable { case phrases, shape }

    public internal(set) var vocabulary = Vocabulary()
    public internal(set) var normalizer = ReplyNormalizer(config: NormalizerConfig())
    public internal(set) var tokenizerConfig = TokenizerConfig()

    /// Concepts and shapes share one id space ("terms"), sorted by name.
    public internal(set) var names: [String] = []
    public internal(set) var index: [String: Int] = [:]
    public internal(set) var kinds: [Kind] = []
    public internal(set) var negatable: [Bool] = []
    /// For each term, the terms that cancel its overlapping matches.
    public internal(set) var suppressedBy: [[Int]] = []
    /// Terms in the order guards are applied: every suppressor and negator before what it acts on.
    public internal(set) var guardOrder: [Int] = []
    public internal(set) var negatorBefore: Int?
    public internal(set) var negatorAfter: Int?
    public internal(set) var windowBefore = 6
    public internal(set) var windowAfter = 4

    public internal(set) var classes: [String: [Int32]] = [:]
    var isNumberWord: [Bool] = []
    var stopwords: [Int32] = []

    /// Every phrase, flattened into plain arrays so matching touches no reference counts.
    var table = PhraseTable()
    /// The phrase scan's memory between replies (see `PhraseScratch`); shared by copies of the lexicon.
    let phraseScratch = PhraseScratchPool()
    var shapes: [ShapeRule] = []
    var classifiers = Classifiers()

    public init() {}

    public func term(_ name: String) -> Int? { index[name] }

    /// Whether vocabulary id `id` belongs to class `name`.
    public func classContains(_ name: String, _ id: Int32) -> Bool {
        guard id >= 0, let members = classes[name] else { return false }
        return Lexicon.sortedContains(members, id)
    }

    @inline(__always) static func sortedContains(_ sorted: [Int32], _ value: Int32) -> Bool {
        if sorted.count <= 8 {
            for x in sorted where x == value { return true }
            return false
        }
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) >> 1
            let x = sorted[mid]
            if x == value { return true }
            if x < value { low = mid + 1 } else { high = mid }
        }
        return false
    }
}

// MARK: - Compiling

extension Lexicon {
    /// Compiles parsed lexicon files. Problems (bad phrase syntax, unknown class, guard cycles…) come back as
    /// diagnostics pointing into the file they came from; the lexicon is still usable without the broken parts.
    public static func compile(_ files: [(document: YAMLDocument, file: LexiconFile)]) -> (Lexicon, [Diagnostic]) {
        var lexicon = Lexicon()
        var problems: [Diagnostic] = []

        // Settings: exactly one file.
        let withSettings = files.filter { $0.file.settings != nil }
        if withSettings.count > 1 {
            for extra in withSettings.dropFirst() {
                problems.append(extra.document.diagnostic(at: [.key("settings")], code: .duplicateID,
                                                          "lexicon settings are also defined in \(withSettings[0].document.file)"))
            }
        }
        let settings = withSettings.first?.file.settings
        let settingsDocument = withSettings.first?.document

        var obfuscations: [String: UInt8] = [:]
        for (word, value) in (settings?.obfuscations ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard value.utf8.count == 1, let byte = value.utf8.first, byte < 0x80 else {
                problems.append(settingsDocument!.diagnostic(at: [.key("settings"), .key("obfuscations"), .key(word)], code: .wrongType,
                                                            "an obfuscation stands for one ASCII character"))
                continue
            }
            obfuscations[word.lowercased()] = byte
        }
        lexicon.normalizer = ReplyNormalizer(config: NormalizerConfig(obfuscations: obfuscations))
        let irregular = settings?.irregular ?? [:]

        for (key, value) in (settings?.rewrites ?? [:]).sorted(by: { $0.key < $1.key }) {
            let targets = value.lowercased().split(separator: " ").map(String.init)
            if targets.isEmpty {
                problems.append(settingsDocument!.diagnostic(at: [.key("settings"), .key("rewrites"), .key(key)], code: .wrongType,
                                                            "a rewrite needs at least one word"))
                continue
            }
            lexicon.vocabulary.rewrite(key.lowercased(), to: targets)
        }
        var suffixes: [(suffix: [UInt8], adds: Int32?)] = []
        for (suffix, adds) in (settings?.suffixes ?? [:]).sorted(by: { ($0.key.count, $0.key) > ($1.key.count, $1.key) }) {
            let word = adds.trimmingCharacters(in: .whitespaces).lowercased()
            suffixes.append((Array(suffix.lowercased().utf8), word.isEmpty ? nil : lexicon.vocabulary.intern(word)))
        }
        lexicon.tokenizerConfig.suffixes = suffixes
        lexicon.tokenizerConfig.clauseWords = Set((settings?.clause_words ?? []).map { lexicon.vocabulary.intern($0.lowercased()) })

        // Classes.
        var classSources: [String: (YAMLDocument, [String])] = [:]
        for (document, file) in files {
            for (name, words) in file.classes ?? [:] {
                if let other = classSources[name] {
                    problems.append(document.diagnostic(at: [.key("classes"), .key(name)], code: .duplicateID,
                                                        "class '\(name)' is also defined in \(other.0.file)"))
                    continue
                }
                classSources[name] = (document, words)
            }
        }
        for name in classSources.keys.sorted() {
            let (document, words) = classSources[name]!
            var ids = Set<Int32>()
            for (i, raw) in words.enumerated() {
                let word = raw.lowercased().trimmingCharacters(in: .whitespaces)
                let inflect = word.hasSuffix("+")
                let base = inflect ? String(word.dropLast()) : word
                for form in inflect ? Inflection.forms(of: base, irregular: irregular) : [base] {
                    let formIDs = lexicon.literalIDs(form)
                    if formIDs.count != 1 {
                        problems.append(document.diagnostic(at: [.key("classes"), .key(name), .index(i)], code: .wrongType,
                                                            "class words must be single words ('\(form)' is \(formIDs.count))"))
                        continue
                    }
                    ids.insert(formIDs[0])
                }
            }
            lexicon.classes[name] = ids.sorted()
        }

        // Term ids: concepts, shapes and classifiers, sorted by name.
        var conceptSources: [String: (YAMLDocument, ConceptSpec)] = [:]
        var shapeSources: [String: (YAMLDocument, ShapeSpec)] = [:]
        var classifierSources: [String: (YAMLDocument, ClassifierSpec)] = [:]
        var definedIn: [String: YAMLDocument] = [:]
        // A name is one term whichever section defines it; a second definition is reported where it stands.
        func collect<Spec>(_ section: String, _ specs: [String: Spec]?, from document: YAMLDocument,
                           into sources: inout [String: (YAMLDocument, Spec)]) {
            for (name, spec) in specs ?? [:] {
                if let other = definedIn[name] {
                    problems.append(document.diagnostic(at: [.key(section), .key(name)], code: .duplicateID,
                                                        "'\(name)' is also defined in \(other.file)"))
                    continue
                }
                definedIn[name] = document
                sources[name] = (document, spec)
            }
        }
        for (document, file) in files {
            collect("concepts", file.concepts, from: document, into: &conceptSources)
            collect("shapes", file.shapes, from: document, into: &shapeSources)
            collect("classifiers", file.classifiers, from: document, into: &classifierSources)
        }
        lexicon.names = (Array(conceptSources.keys) + Array(shapeSources.keys) + Array(classifierSources.keys)).sorted()
        for (i, name) in lexicon.names.enumerated() { lexicon.index[name] = i }
        lexicon.kinds = lexicon.names.map { conceptSources[$0] != nil ? .phrases : .shape }
        lexicon.negatable = lexicon.names.map { conceptSources[$0]?.1.negatable ?? false }
        lexicon.suppressedBy = Array(repeating: [], count: lexicon.names.count)

        // Phrases.
        var compiled: [CompiledPhrase] = []
        for name in conceptSources.keys.sorted() {
            let (document, spec) = conceptSources[name]!
            let term = Int32(lexicon.index[name]!)
            for (i, text) in spec.phrases.enumerated() {
                let path: [PathStep] = [.key("concepts"), .key(name), .key("phrases"), .index(i)]
                do {
                    let pattern = try PhrasePattern.parse(text)
                    for variant in pattern.variants {
                        let slots = try lexicon.compileSlots(variant, irregular: irregular)
                        compiled.append(CompiledPhrase(term: term, slots: slots))
                    }
                } catch {
                    problems.append(document.diagnostic(at: path, code: .wrongType, "phrase '\(text)': \(error.message)"))
                }
            }
            for (i, other) in (spec.suppresses ?? []).enumerated() {
                guard let target = lexicon.index[other] else {
                    problems.append(document.diagnostic(at: [.key("concepts"), .key(name), .key("suppresses"), .index(i)],
                                                        code: .unknownReference, "unknown concept '\(other)'"))
                    continue
                }
                lexicon.suppressedBy[target].append(Int(term))
            }
        }

        // Negation.
        if let negation = settings?.negation {
            lexicon.windowBefore = negation.window_before
            lexicon.windowAfter = negation.window_after ?? 0
            lexicon.negatorBefore = lexicon.index[negation.before]
            if lexicon.negatorBefore == nil {
                problems.append(settingsDocument!.diagnostic(at: [.key("settings"), .key("negation"), .key("before")],
                                                            code: .unknownReference, "unknown concept '\(negation.before)'"))
            }
            if let after = negation.after {
                lexicon.negatorAfter = lexicon.index[after]
                if lexicon.negatorAfter == nil {
                    problems.append(settingsDocument!.diagnostic(at: [.key("settings"), .key("negation"), .key("after")],
                                                                code: .unknownReference, "unknown concept '\(after)'"))
                }
            }
        } else if lexicon.negatable.contains(true) {
            problems.append(Diagnostic(file: files.first?.document.file ?? "Content/lexicon", line: 1, column: 1, code: .unknownReference,
                                       message: "concepts are negatable but no lexicon file defines settings.negation"))
        }

        // Number class and stopwords.
        lexicon.isNumberWord = Array(repeating: false, count: lexicon.vocabulary.count)
        if let name = settings?.number_class {
            if let members = lexicon.classes[name] {
                for id in members where Int(id) < lexicon.isNumberWord.count { lexicon.isNumberWord[Int(id)] = true }
            } else {
                problems.append(settingsDocument!.diagnostic(at: [.key("settings"), .key("number_class")], code: .unknownReference,
                                                            "unknown class '\(name)'"))
            }
        }
        if let name = settings?.stopword_class {
            if let members = lexicon.classes[name] { lexicon.stopwords = members } else {
                problems.append(settingsDocument!.diagnostic(at: [.key("settings"), .key("stopword_class")], code: .unknownReference,
                                                            "unknown class '\(name)'"))
            }
        }

        var frequent = Set<Int32>()
        if let name = settings?.frequent_class {
            if let members = lexicon.classes[name] { frequent = Set(members) } else {
                problems.append(settingsDocument!.diagnostic(at: [.key("settings"), .key("frequent_class")], code: .unknownReference,
                                                            "unknown class '\(name)'"))
            }
        }

        // Shapes.
        for name in shapeSources.keys.sorted() {
            let (document, spec) = shapeSources[name]!
            do {
                lexicon.shapes.append(try ShapeRule(term: lexicon.index[name]!, spec: spec, lexicon: lexicon))
            } catch {
                problems.append(document.diagnostic(at: [.key("shapes"), .key(name)] + error.path, code: .wrongType, error.message))
            }
        }

        // Classifiers (their words join the vocabulary before the phrase table is sized).
        var rules: [(rule: ClassifierRule, weights: [(ClassifierRule.Feature, Float)])] = []
        for name in classifierSources.keys.sorted() {
            let (document, spec) = classifierSources[name]!
            do {
                rules.append(try ClassifierRule.parse(term: lexicon.index[name]!, spec: spec))
            } catch {
                problems.append(document.diagnostic(at: [.key("classifiers"), .key(name)] + error.path, code: .wrongType, error.message))
            }
        }
        lexicon.classifiers = Classifiers(rules, vocabulary: &lexicon.vocabulary)

        // Guard order: suppressors and negators first. A cycle is a content error.
        var edges = Array(repeating: [Int](), count: lexicon.names.count)
        for (target, sources) in lexicon.suppressedBy.enumerated() { for source in sources { edges[source].append(target) } }
        for target in 0..<lexicon.names.count where lexicon.negatable[target] {
            for negator in [lexicon.negatorBefore, lexicon.negatorAfter].compactMap({ $0 }) where negator != target {
                edges[negator].append(target)
            }
        }
        var state = Array(repeating: 0, count: lexicon.names.count)
        var order: [Int] = []
        var cycle: String?
        func visit(_ node: Int) {
            if state[node] == 2 { return }
            if state[node] == 1 {
                cycle = cycle ?? lexicon.names[node]
                return
            }
            state[node] = 1
            for next in edges[node] { visit(next) }
            state[node] = 2
            order.append(node)
        }
        for node in 0..<lexicon.names.count { visit(node) }
        lexicon.guardOrder = order.reversed()
        if let cycle {
            let source = conceptSources[cycle]?.0 ?? files.first!.document
            problems.append(source.diagnostic(at: [.key("concepts"), .key(cycle)], code: .badCondition,
                                              "'\(cycle)' is part of a cycle of suppresses/negation guards"))
        }

        // Start index over the flattened table.
        let frequency = Lexicon.wordFrequency(files, vocabulary: lexicon.vocabulary, problems: &problems)
        lexicon.isNumberWord += Array(repeating: false, count: max(0, lexicon.vocabulary.count - lexicon.isNumberWord.count))
        lexicon.table = PhraseTable(phrases: compiled, vocabularySize: lexicon.vocabulary.count, isNumberWord: lexicon.isNumberWord,
                                     frequent: frequent, frequency: frequency)
        return (lexicon, problems)
    }

    /// The `word_frequency` hint (at most one file) as replies per thousand by vocabulary id. Words no lexicon uses are
    /// skipped: no phrase can be looked up by them.
    static func wordFrequency(_ files: [(document: YAMLDocument, file: LexiconFile)], vocabulary: Vocabulary,
                              problems: inout [Diagnostic]) -> [Int32: Int] {
        let sources = files.filter { $0.file.word_frequency != nil }
        for extra in sources.dropFirst() {
            problems.append(extra.document.diagnostic(at: [.key("word_frequency")], code: .duplicateID,
                                                      "word_frequency is also given in \(sources[0].document.file)"))
        }
        guard let (document, file) = sources.first, let block = file.word_frequency else { return [:] }
        var frequency: [Int32: Int] = [:]
        for (number, line) in block.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let count = Int(fields[1]), (0...1000).contains(count) else {
                problems.append(document.diagnostic(at: [.key("word_frequency")], code: .wrongType,
                                                    "line \(number + 1) of the block: expected 'word count' with a count from 0 to 1000, got '\(line)'"))
                continue
            }
            if let id = vocabulary.id(of: String(fields[0])) { frequency[id] = count }
        }
        return frequency
    }

    /// The token ids a literal word reads as, exactly as a reply containing it would be tokenised.
    mutating func literalIDs(_ word: String) -> [Int32] {
        var normalized = normalizer.normalize(word)
        var tokens = Tokenizer.tokenize(normalized, vocabulary: vocabulary, config: tokenizerConfig)
        if tokens.contains(where: { $0.id < 0 }) {
            for token in tokens where token.id < 0 {
                let text = String(decoding: normalized.bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
                var interned = false
                for rule in tokenizerConfig.suffixes {
                    let suffix = String(decoding: rule.suffix, as: UTF8.self)
                    if text.hasSuffix(suffix) && text.count > suffix.count {
                        vocabulary.intern(String(text.dropLast(suffix.count)))
                        interned = true
                        break
                    }
                }
                if !interned { vocabulary.intern(text) }
            }
            normalized = normalizer.normalize(word)
            tokens = Tokenizer.tokenize(normalized, vocabulary: vocabulary, config: tokenizerConfig)
        }
        return tokens.map(\.id)
    }

    struct CompileError: Error { var message: String }

    mutating func compileSlots(_ pattern: [PhrasePattern.Slot], irregular: [String: [String]]) throws(PhrasePattern.SyntaxError) -> [CompiledSlot] {
        var slots: [CompiledSlot] = []
        for slot in pattern {
            switch slot {
            case .any:
                slots.append(CompiledSlot(ids: [], anyWord: true, min: 1, max: 1))
            case .gap(let max, let wordClass):
                if let wordClass {
                    guard let members = classes[wordClass] else { throw .init(message: "unknown class '@\(wordClass)'") }
                    slots.append(CompiledSlot(ids: members, min: 0, max: max))
                } else {
                    slots.append(CompiledSlot(ids: [], anyWord: true, min: 0, max: max))
                }
            case .one(let items, let optional):
                // A single plain word may stand for several tokens ("we're" → we are, "1-star" → 1 star).
                if items.count == 1, case .word(let word, false) = items[0] {
                    let ids = literalIDs(word)
                    guard !ids.isEmpty else { throw .init(message: "'\(word)' contains no word") }
                    for id in ids { slots.append(CompiledSlot(ids: [id], min: optional ? 0 : 1, max: 1)) }
                    continue
                }
                var compiled = CompiledSlot(ids: [], min: optional ? 0 : 1, max: 1)
                var ids = Set<Int32>()
                for item in items {
                    switch item {
                    case .number: compiled.number = true
                    case .money: compiled.money = true
                    case .percent: compiled.percent = true
                    case .wordClass(let name):
                        guard let members = classes[name] else { throw .init(message: "unknown class '@\(name)'") }
                        ids.formUnion(members)
                    case .word(let word, let inflect):
                        for form in inflect ? Inflection.forms(of: word, irregular: irregular) : [word] {
                            let formIDs = literalIDs(form)
                            guard formIDs.count == 1 else {
                                throw .init(message: "'\(form)' is \(formIDs.count) words; alternatives must be single words")
                            }
                            ids.insert(formIDs[0])
                        }
                    }
                }
                compiled.ids = ids.sorted()
                slots.append(compiled)
            }
        }
        return slots
    }
}
