import Crypto
import Foundation

/// SHA-256 from swift-crypto, as lowercase hex.
public enum Hashing {
    public static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    public static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// For hashing many pieces without joining them first.
    public struct Incremental {
        private var hasher = SHA256()
        public init() {}
        public mutating func update(_ text: String) { hasher.update(data: Data(text.utf8)) }
        public mutating func update(_ data: Data) { hasher.update(data: data) }
        public func finalize() -> String { Hashing.hex(hasher.finalize()) }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
