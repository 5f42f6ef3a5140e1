package k09_parallelism;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Counts how many workers are inside a locked section at once, and keeps the high-water mark.
 *
 * <p>The first worker to get inside is held there until every other worker has started and is
 * either inside too (so the section is not exclusive: the mark reaches 2) or waiting (at the
 * lock, for a correct implementation). So an unlocked section shows two workers inside on every
 * run, not by luck, and a locked one shows that the others really queued behind it.
 */
final class SectionProbe {

    private static final Set<Thread.State> WAITING =
            EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);

    private final int workers;
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();
    private final AtomicBoolean firstEntry = new AtomicBoolean(true);
    private volatile boolean othersSeenWaiting;

    SectionProbe(int workers) {
        this.workers = workers;
    }

    /** The onWorkerStart hook. */
    void workerStarted() {
        started.add(Thread.currentThread());
    }

    /** The insideLock hook. */
    void inside() {
        highWater.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            if (firstEntry.getAndSet(false)) {
                holdFirstEntrant(Thread.currentThread());
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    private void holdFirstEntrant(Thread me) {
        try {
            await("every other worker to come inside too, or to wait")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> inside.get() > 1 || (started.size() == workers
                            && started.stream().filter(t -> t != me).allMatch(t -> WAITING.contains(t.getState()))));
            othersSeenWaiting = inside.get() == 1;
        } catch (ConditionTimeoutException e) {
            // Let the worker go on; the assertions on the probe say what went wrong.
        }
    }

    int highWater() {
        return highWater.get();
    }

    boolean othersSeenWaiting() {
        return othersSeenWaiting;
    }

    int workersStarted() {
        return started.size();
    }
}
