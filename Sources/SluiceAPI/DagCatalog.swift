import Foundation
import SluiceCore
import SluiceDefinitions

/// The DAG folder as the api-server sees it: loaded once, loaded again when a file changed (looked at
/// no more than once a second), so API answers follow edits without a restart.
public actor DagCatalog {
    private let loader: DagFolderLoader
    private var bag: DagBag?
    private var checkedAt = ContinuousClock.now

    public init(loader: DagFolderLoader) {
        self.loader = loader
    }

    /// The current DAGs and problems; a missing DAG folder is an empty bag with that problem.
    public func current() -> DagBag {
        let now = ContinuousClock.now
        if let bag, now - checkedAt < .seconds(1) { return bag }
        checkedAt = now
        if let bag, (try? loader.hasChanged(since: bag)) == false { return bag }
        let loaded = (try? loader.load()) ?? DagBag()
        bag = loaded
        return loaded
    }

    /// The folder the DAG files are in.
    public nonisolated var folder: URL { loader.folder }
}
