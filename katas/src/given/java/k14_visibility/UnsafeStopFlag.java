package k14_visibility;

/**
 * A stop flag in a plain field, kept as it is for study: another thread may never see it set.
 *
 * <p>Nothing orders the write in {@code requestStop} with the reads in another thread, so the
 * Java memory model lets that thread go on reading {@code false} for ever. In practice the JIT
 * compiler sees that a spinning loop never writes the field, reads it once, and hoists the read
 * out of the loop: the loop then runs for ever. Even when the flag is seen, data written before
 * it may not be. This class is given, complete and deliberately broken; the kata is to fix it.
 */
public final class UnsafeStopFlag implements StopFlag {

    private boolean stopRequested;

    @Override
    public void requestStop() {
        stopRequested = true;
    }

    @Override
    public boolean isStopRequested() {
        return stopRequested;
    }
}
