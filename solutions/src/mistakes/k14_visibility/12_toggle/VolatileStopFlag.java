package k14_visibility;

/**
 * A stop flag that every thread sees promptly, because its field is {@code volatile}.
 *
 * <p>A write to a volatile field happens-before every later read of that field: the worker
 * re-reads it on each check and cannot keep a stale copy, and a worker that reads {@code true}
 * also sees everything the requesting thread wrote before {@link #requestStop}.
 */
public final class VolatileStopFlag implements StopFlag {

    private volatile boolean stopRequested;

    @Override
    public void requestStop() {
        stopRequested = !stopRequested; // flip the switch
    }

    @Override
    public boolean isStopRequested() {
        return stopRequested;
    }
}
