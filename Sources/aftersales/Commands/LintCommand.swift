import AfterSalesKit
import ArgumentParser
import Foundation

/// `aftersales lint [DIR ...]`: proves the content sound, or lists every problem as file:line:column.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Check scenarios and the content they refer to; print rule coverage.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Content roots (holding Content/ and Scenarios/) or folders of extra scenario files. Default: the content in use.")
    var folders: [String] = []

    @Flag(name: .long, help: "Only problems, no coverage table.")
    var quiet = false

    func run() throws {
        // The content in use is always parsed and checked in full; when only other content roots are linted, it
        // supplies just the strings, and a clean cached copy will do.
        let onlyOtherRoots = !folders.isEmpty && folders.allSatisfy { ContentRoot.isRoot(Self.url($0)) }
        let context = try AppContext.load(global, checked: false, cachedIfAny: onlyOtherRoots)
        var failed = false
        let targets = folders.isEmpty ? [nil] : folders.map(Optional.some)
        for folder in targets {
            let library: ContentLibrary
            do {
                library = try load(folder, base: context)
            } catch let error as ContentErrors {
                error.diagnostics.forEach { print(Sanitize.line($0.description)) }
                failed = true
                continue
            }
            let report = ContentLinter(library: library, context: ContentChecks.lintContext(library)).run()
            report.diagnostics.forEach { print(Sanitize.line($0.description)) }
            if !quiet { CoverageTable(context: context, library: library).print(report.coverage) }
            let s = context.strings
            print(s("lint.summary", ["scenarios": "\(library.scenarios.count)", "errors": "\(report.errors.count)",
                                     "warnings": "\(report.warnings.count)"]))
            failed = failed || !report.errors.isEmpty
            KeepUntilExit.keep((library, report))
        }
        KeepUntilExit.keep(context)
        if failed { throw ExitCode(1) }
    }

    private static func url(_ folder: String) -> URL {
        URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    /// A content root is linted as it is; a folder of scenario files is linted against the content in use.
    private func load(_ folder: String?, base: AppContext) throws -> ContentLibrary {
        guard let folder else { return base.library }
        let url = Self.url(folder)
        if ContentRoot.isRoot(url) { return try ContentLoader(root: url).load() }
        var library = base.library
        try ContentLoader(root: base.library.root).loadScenarios(from: url, into: &library)
        return library
    }
}

/// The coverage table: per guide section and per rule, how many scenarios and quiz items train it.
struct CoverageTable {
    let context: AppContext
    let library: ContentLibrary

    func print(_ coverage: Coverage) {
        let s = context.strings
        let header = "\(s("lint.col_scenarios"))  \(s("lint.col_quiz"))"
        let sectionTitles = Dictionary(uniqueKeysWithValues: library.sections.map { ($0.id, $0.title.text(context.language)) })
        Swift.print(s("lint.coverage_sections"))
        let sectionWidth = coverage.sections.map { $0.id.count }.max() ?? 0
        Swift.print("  " + String(repeating: " ", count: sectionWidth) + "  " + header)
        for row in coverage.sections {
            Swift.print("  " + row.id.padding(toLength: sectionWidth, withPad: " ", startingAt: 0) + "  "
                        + counts(row) + "  " + (sectionTitles[row.id] ?? ""))
        }
        Swift.print(s("lint.coverage_rules"))
        let ruleWidth = coverage.rules.map { $0.id.count }.max() ?? 0
        Swift.print("  " + String(repeating: " ", count: ruleWidth) + "  " + header)
        for row in coverage.rules {
            Swift.print("  " + row.id.padding(toLength: ruleWidth, withPad: " ", startingAt: 0) + "  " + counts(row))
        }
        let uncovered = coverage.uncoveredSections
        Swift.print(uncovered.isEmpty ? s("lint.all_sections_covered") : s("lint.sections_uncovered", ["sections": uncovered.joined(separator: ", ")]))
    }

    private func counts(_ row: Coverage.Row) -> String {
        String(format: "%9d  %10d", row.scenarios, row.quizItems)
    }
}
