package k14_visibility;

/**
 * A stop flag that every thread sees promptly, because its field is {@code volatile}.
 *
 * <p>A write to a volatile field happens-before every later read of that field: the worker
 * re-reads it on each check and cannot keep a stale copy, and a worker that reads {@code true}
 * also sees everything the requesting thread wrote before {@link #requestStop}.
 */
public final class VolatileStopFlag implements StopFlag {

    // TODO task 1: this field is UnsafeStopFlag's; one word in its declaration makes it safe.
    private boolean stopRequested;

    @Override
    public void requestStop() {
        // TODO task 1: set the flag.
        throw new UnsupportedOperationException("Task 1 of k14_visibility: set a volatile flag. See README.md.");
    }

    @Override
    public boolean isStopRequested() {
        // TODO task 1: read the flag.
        throw new UnsupportedOperationException("Task 1 of k14_visibility: read the volatile flag. See README.md.");
    }
}
