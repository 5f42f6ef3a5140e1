package k08_locks;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@code betweenLocks} hook that holds each of two threads, just after it took its first lock,
 * until the other thread has taken its first lock too, or is seen waiting at a lock.
 *
 * <p>With locks taken payer first, both threads then hold one lock each before either asks for
 * its second: the deadlock forms on every run, not by luck. With locks taken in one global order
 * the second thread waits at the first lock, so the first thread goes on and nothing deadlocks.
 * Only each thread's first call waits.
 */
final class FirstLockRendezvous implements Runnable {

    private final Set<Thread> arrived = ConcurrentHashMap.newKeySet();
    private volatile List<Thread> pair = List.of();

    /** Names the two threads; call before they start. */
    void pair(List<Thread> threads) {
        if (threads.size() != 2) {
            throw new IllegalArgumentException("a rendezvous of two threads, not " + threads.size());
        }
        pair = List.copyOf(threads);
    }

    /** How many of the two threads have called the hook. */
    int arrivals() {
        return arrived.size();
    }

    @Override
    public void run() {
        Thread me = Thread.currentThread();
        if (!pair.contains(me) || !arrived.add(me)) {
            return;
        }
        Thread other = pair.get(0) == me ? pair.get(1) : pair.get(0);
        try {
            await("the other thread to take its first lock too, or to wait at a lock")
                    .atMost(DeadlockWatch.PATIENCE)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> arrived.contains(other)
                            || Started.PARKED.contains(other.getState())
                            || other.getState() == Thread.State.TERMINATED);
        } catch (ConditionTimeoutException e) {
            // Go on anyway: the test's assertions say what went wrong.
        }
    }
}
