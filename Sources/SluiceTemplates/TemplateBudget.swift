/// The loop iterations one render has run, shared by everything it renders (macro bodies, `caller`
/// blocks, recursive loops, includes), so that at most `TemplateLimits.loopIterations` run in all
/// and a hostile template fails instead of spinning.
final class TemplateBudget {
    private var iterations = 0

    /// Counts one loop iteration; throws past the budget.
    func countIteration() throws {
        iterations += 1
        guard iterations <= TemplateLimits.loopIterations else {
            throw TemplateError(message: "the template runs more than \(TemplateLimits.loopIterations) loop iterations; is a loop running away?")
        }
    }
}
