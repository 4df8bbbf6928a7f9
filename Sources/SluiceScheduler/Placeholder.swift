// Placeholder until the scheduler lands; delete it then.
enum SluiceSchedulerPlaceholder {}
