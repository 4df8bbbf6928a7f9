import Foundation
import SluiceDefinitions
import XCTest

/// Every file under Corpus/broken starts with `# expect: LINE:COL: message` and must fail to load
/// with exactly that problem (the message as a substring, the location exactly).
final class BrokenDagCorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    func testTheCorpusHasAtLeastThirtyBrokenFiles() throws {
        XCTAssertGreaterThanOrEqual(try brokenFiles().count, 30)
    }

    func testEveryBrokenFileReportsItsProblemWithFileLineAndColumn() throws {
        for url in try brokenFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let header = text.split(separator: "\n").first, header.hasPrefix("# expect: ") else {
                XCTFail("\(url.lastPathComponent) has no '# expect:' header")
                continue
            }
            let expectation = header.dropFirst("# expect: ".count)
            let parts = expectation.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            XCTAssertEqual(parts.count, 3, "bad header in \(url.lastPathComponent)")
            guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]) else { continue }
            let message = parts[2].trimmingCharacters(in: .whitespaces)

            let loader = DagFolderLoader(folder: url, projectRoot: Self.corpus)
            switch loader.loadFile(url) {
            case .success:
                XCTFail("\(url.lastPathComponent) loaded, but it should fail with: \(message)")
            case let .failure(error):
                let match = error.problems.first { $0.message.contains(message) }
                XCTAssertNotNil(match, "\(url.lastPathComponent): no problem says '\(message)'; got:\n\(error)")
                if let match {
                    XCTAssertEqual("\(match.line):\(match.column)", "\(line):\(column)", "\(url.lastPathComponent): \(match)")
                    XCTAssertTrue(match.file.hasSuffix(url.lastPathComponent) || match.file.contains("include/"), "\(match.file)")
                    XCTAssertFalse(match.description.contains("\n"), "a problem is one line: \(match)")
                }
            }
        }
    }

    private func brokenFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: Self.corpus.appendingPathComponent("broken"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
    }
}
