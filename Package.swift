// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "aftersales",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "aftersales", targets: ["aftersales"]),
        .library(name: "AfterSalesKit", targets: ["AfterSalesKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // GNU readline through a module map; see Sources/CReadline/shim.h.
        .systemLibrary(
            name: "CReadline",
            pkgConfig: "readline",
            providers: [.apt(["libreadline-dev"])]
        ),
        // The engine: content, scenarios, grading, quiz, progress, exams. No terminal, no Amazon knowledge.
        .target(
            name: "AfterSalesKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Line input (readline or plain stdin) and console output (wrapping, colour, sanitising).
        .target(name: "Terminal", dependencies: ["CReadline"]),
        .executableTarget(
            name: "aftersales",
            dependencies: [
                "AfterSalesKit", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Start-up baseline for the benchmarks (Benchmarks/README.md).
        .executableTarget(
            name: "aftersales-hello",
            dependencies: [
                "CReadline",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/Hello"
        ),
        // Grading throughput for the benchmarks.
        .executableTarget(name: "aftersales-bench", dependencies: ["AfterSalesKit"], path: "Benchmarks/GradeBench"),
        // Fuzz targets (libFuzzer with `make fuzz`; a corpus replay tool in ordinary builds).
        .executableTarget(name: "aftersales-fuzz", dependencies: ["AfterSalesKit"], path: "Fuzz/Sources"),
        .testTarget(name: "AfterSalesKitTests", dependencies: ["AfterSalesKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "aftersalesTests", dependencies: ["AfterSalesKit"]),
        // Scripted writer, checker and timing harness for the progress file (Tests/reliability/*.sh, make bench).
        .executableTarget(name: "progress-stress", dependencies: ["AfterSalesKit"], path: "Tests/reliability/progress-stress"),
    ],
    swiftLanguageModes: [.v6]
)
