// The start-up baseline for `make bench`: a program that links what `aftersales` links (Foundation,
// GNU readline, Yams, ArgumentParser, swift-crypto), touches each so none is dropped, prints a line and exits.
import ArgumentParser
@preconcurrency import CReadline
import Crypto
import Foundation
import Yams

struct Hello: ParsableCommand {
    func run() throws {
        let node = Yams.Node("hello")
        let digest = SHA256.hash(data: Data((node.string ?? "").utf8))
        let version = rl_readline_version
        if ProcessInfo.processInfo.environment["HELLO_VERBOSE"] != nil { print(digest, version) }
        print("hello")
    }
}

Hello.main()
