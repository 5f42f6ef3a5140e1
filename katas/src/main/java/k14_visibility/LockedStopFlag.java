package k14_visibility;

/**
 * A stop flag in a plain field that every thread sees promptly, because both sides take the same
 * monitor.
 *
 * <p>Releasing a monitor happens-before every later acquisition of that monitor. The requesting
 * thread writes the flag and releases; the worker acquires on each check and so reads the latest
 * value, with everything the requester wrote before it. Only the two sides together make the
 * edge: a lock on the writer alone orders nothing for the reader.
 */
public final class LockedStopFlag implements StopFlag {

    // TODO task 2: keep this field plain; the monitor of this object will guard it.
    private boolean stopRequested;

    @Override
    public void requestStop() {
        // TODO task 2: write the flag while holding this object's monitor.
        throw new UnsupportedOperationException("Task 2 of k14_visibility: set the flag under a lock. See README.md.");
    }

    @Override
    public boolean isStopRequested() {
        // TODO task 2: read it under the same monitor.
        throw new UnsupportedOperationException("Task 2 of k14_visibility: read the flag under the same lock. See README.md.");
    }
}
