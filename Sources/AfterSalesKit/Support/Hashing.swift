import Crypto
import Foundation

/// SHA-256 from swift-crypto, as lowercase hex.
public enum Hashing {
    public static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
