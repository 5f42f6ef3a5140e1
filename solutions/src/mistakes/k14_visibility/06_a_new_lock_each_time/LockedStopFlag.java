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

    private boolean stopRequested; // guarded by this

    @Override
    public void requestStop() {
        synchronized (new Object()) {
            stopRequested = true;
        }
    }

    @Override
    public boolean isStopRequested() {
        synchronized (new Object()) {
            return stopRequested;
        }
    }
}
