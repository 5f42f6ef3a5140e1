package k08_locks;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * A task running on a named thread of its own, so a test can both read its result and see
 * whether the thread is parked at a lock ({@link Thread#getState()}).
 */
record Started<T>(Thread thread, FutureTask<T> result) {

    /** The states of a thread that waits at a lock (or anything else) instead of running. */
    static final Set<Thread.State> PARKED =
            EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING);

    /** Starts {@code task} on a new daemon platform thread named {@code name}. */
    static <T> Started<T> start(String name, Callable<T> task) {
        FutureTask<T> result = new FutureTask<>(task);
        // Daemon: if a learner's code leaves this thread stuck for ever, NoLeaks names it and the JVM can still exit.
        Thread thread = Thread.ofPlatform().name(name).daemon(true).start(result);
        return new Started<>(thread, result);
    }

    /** Whether the task has ended, or its thread waits (at a lock, if the code under test has one). */
    boolean parkedOrDone() {
        return result.isDone() || PARKED.contains(thread.getState());
    }
}
