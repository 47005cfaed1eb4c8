// Fuzz targets for the parts that read untrusted bytes: the YAML content loader, the reply grader and the
// progress-log reader. Built with libFuzzer (`make fuzz`: -sanitize=fuzzer,address -DFUZZING), the target
// is chosen by FUZZ_TARGET. In an ordinary build this is a replay tool that runs each file given on the
// command line through the same code, so the seed corpus and every crasher found stay regression tests.
import AfterSalesKit
import Foundation

enum FuzzTarget: String, CaseIterable {
    case content, grader, progress

    static var selected: FuzzTarget {
        ProcessInfo.processInfo.environment["FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .content
    }

    func run(_ data: Data) {
        switch self {
        case .content: FuzzContent.run(data)
        case .grader: FuzzGrader.run(data)
        case .progress: FuzzProgress.run(data)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.selected.run(Data(bytes: bytes, count: size))
    return 0
}

#if FUZZING
// SwiftPM links an executable's entry point under the name `<target>_main`; under libFuzzer that entry
// hands control to the fuzzing driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("aftersales_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
#else
@main
struct Replay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            FuzzTarget.selected.run(data)
        }
        print("replayed \(files.count) inputs through \(FuzzTarget.selected.rawValue): no crash")
    }
}
#endif
