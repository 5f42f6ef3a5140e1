package k08_locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Guard")
class GuardTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    private Thread holder;

    /** Another thread takes the lock and keeps it until {@link #letGo} opens: no timing involved. */
    private void holdLockOnAnotherThread() throws InterruptedException {
        holder = Thread.ofPlatform().name("holds-the-lock").start(() -> {
            lock.lock();
            try {
                holding.countDown();
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        assertThat(holding.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the other thread took the lock").isTrue();
    }

    @AfterEach
    void releaseHolder() throws InterruptedException {
        letGo.countDown();
        if (holder != null) {
            holder.join(PATIENCE);
        }
    }

    /** Whether a thread other than the caller can take the lock right now. */
    private boolean freeForAnotherThread() throws Exception {
        Started<Boolean> probe = Started.start("tries-the-lock", () -> {
            boolean got = lock.tryLock();
            if (got) {
                lock.unlock();
            }
            return got;
        });
        return probe.result().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Nested
    @Tag("task:1")
    @DisplayName("run and call (task 1)")
    class RunAndCall {

        @Test
        @DisplayName("run the action while holding the lock, then release it")
        void runHoldsTheLock() throws Exception {
            AtomicBoolean heldInside = new AtomicBoolean();

            Guard.run(lock, () -> heldInside.set(lock.isHeldByCurrentThread()));

            assertThat(heldInside).as("lock held while the action ran").isTrue();
            assertThat(lock.isLocked()).as("lock still held after run returned").isFalse();
            assertThat(freeForAnotherThread()).isTrue();
        }

        @Test
        @DisplayName("return the action's result, computed while holding the lock")
        void callReturnsTheResult() {
            String result = Guard.call(lock, () -> lock.isHeldByCurrentThread() ? "computed under the lock" : "unlocked");

            assertThat(result).isEqualTo("computed under the lock");
            assertThat(lock.isLocked()).as("lock still held after call returned").isFalse();
        }

        @Test
        @DisplayName("release the lock when the action throws, and hand the caller that very exception")
        void releaseWhenTheActionThrows() throws Exception {
            IllegalStateException boom = new IllegalStateException("failure while holding the lock");

            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> Guard.run(lock, () -> { throw boom; })).isSameAs(boom);
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> Guard.call(lock, () -> { throw boom; })).isSameAs(boom);

            assertThat(lock.isLocked()).as("lock still held after the action threw").isFalse();
            assertThat(freeForAnotherThread()).as("another thread can take the lock").isTrue();
        }

        @Test
        @DisplayName("take the lock before the try: when lock() itself fails, nothing is unlocked and the caller sees that failure")
        void lockBeforeTry() {
            ReentrantLock refusing = new ReentrantLock() {
                @Override
                public void lock() {
                    throw new IllegalStateException("lock refused");
                }
            };
            AtomicBoolean ran = new AtomicBoolean();

            // Unlocking a lock that was never taken throws IllegalMonitorStateException, which would hide this one.
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> Guard.run(refusing, () -> ran.set(true))).withMessage("lock refused");
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> Guard.call(refusing, () -> ran.getAndSet(true))).withMessage("lock refused");
            assertThat(ran).as("action ran without the lock").isFalse();
        }

        @Test
        @DisplayName("reject a null lock or action before locking anything")
        void rejectNulls() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Guard.run(null, () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Guard.run(lock, null));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Guard.call(null, () -> 1));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Guard.call(lock, null));
            assertThat(lock.isLocked()).isFalse();
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("tryRun (task 3)")
    class TryRun {

        @Test
        @DisplayName("runs the action and returns true when the lock is free, then releases it")
        void runsWhenFree() throws Exception {
            AtomicBoolean heldInside = new AtomicBoolean();

            boolean ran = Guard.tryRun(lock, PATIENCE, () -> heldInside.set(lock.isHeldByCurrentThread()));

            assertThat(ran).isTrue();
            assertThat(heldInside).as("lock held while the action ran").isTrue();
            assertThat(lock.isLocked()).as("lock still held after tryRun returned").isFalse();
        }

        @Test
        @DisplayName("gives up with false when another thread keeps the lock for the whole timeout, running nothing and holding nothing")
        void givesUpCleanly() throws Exception {
            holdLockOnAnotherThread();
            AtomicBoolean ran = new AtomicBoolean();

            // The holder keeps the lock until the test lets go, so this timeout always expires.
            Started<String> attempt = Started.start("tries-for-100-ms", () -> {
                boolean result = Guard.tryRun(lock, Duration.ofMillis(100), () -> ran.set(true));
                return result + ", holding the lock afterwards: " + lock.isHeldByCurrentThread();
            });

            assertThat(attempt.result()).succeedsWithin(PATIENCE)
                    .isEqualTo("false, holding the lock afterwards: false");
            assertThat(ran).as("action ran without the lock").isFalse();
            assertThat(lock.hasQueuedThread(attempt.thread())).as("still queued for the lock").isFalse();
            assertThat(lock.isHeldByCurrentThread()).isFalse();
        }

        @Test
        @DisplayName("keeps waiting for the whole timeout before it gives up: 300 ms is not 0 s")
        void waitsTheWholeTimeout() throws Exception {
            holdLockOnAnotherThread();
            Duration timeout = Duration.ofMillis(300);

            // The holder keeps the lock until the test lets go: a correct tryRun can only return
            // false once the timeout has gone by, and load can only make that later, never sooner.
            Started<Long> attempt = Started.start("tries-for-300-ms", () -> {
                long start = System.nanoTime();
                boolean result = Guard.tryRun(lock, timeout, () -> {});
                long waited = System.nanoTime() - start;
                if (result) {
                    throw new AssertionError("tryRun returned true while another thread held the lock");
                }
                return TimeUnit.NANOSECONDS.toMillis(waited);
            });

            assertThat(attempt.result()).succeedsWithin(PATIENCE);
            long waitedMillis = attempt.result().get();
            assertThat(waitedMillis).withFailMessage("tryRun(lock, 300 ms) gave up with false after %d ms: it must"
                    + " keep waiting for the lock for the whole timeout it was given (is a part of the timeout lost"
                    + " on the way, as whole seconds?)", waitedMillis)
                    // 5 ms of slack: a correct wait timed by another clock (currentTimeMillis) may end a ms early.
                    .isGreaterThanOrEqualTo(timeout.toMillis() - 5);
        }

        @Test
        @DisplayName("waits for a lock that is released before the timeout, then runs the action")
        void waitsWithinTheTimeout() throws Exception {
            holdLockOnAnotherThread();
            AtomicBoolean ran = new AtomicBoolean();

            Started<Boolean> attempt = Started.start("waits-for-the-lock",
                    () -> Guard.tryRun(lock, PATIENCE, () -> ran.set(true)));
            await("tryRun to wait for the lock, or to return").atMost(PATIENCE).until(attempt::parkedOrDone);
            letGo.countDown();

            assertThat(attempt.result()).succeedsWithin(PATIENCE).isEqualTo(true);
            assertThat(ran).isTrue();
        }

        @Test
        @DisplayName("releases the lock when the action throws")
        void releasesWhenTheActionThrows() {
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(() -> Guard.tryRun(lock, PATIENCE, () -> { throw new IllegalStateException("boom"); }));
            assertThat(lock.isLocked()).as("lock still held after the action threw").isFalse();
        }

        @Test
        @DisplayName("throws InterruptedException to a caller interrupted while it waits, which then holds nothing")
        void interruptedWhileWaiting() throws Exception {
            holdLockOnAnotherThread();
            AtomicBoolean ran = new AtomicBoolean();

            Started<String> attempt = Started.start("interrupted-while-waiting", () -> {
                try {
                    Guard.tryRun(lock, PATIENCE, () -> ran.set(true));
                    return "returned";
                } catch (InterruptedException e) {
                    return "interrupted, holding the lock afterwards: " + lock.isHeldByCurrentThread();
                }
            });
            await("tryRun to wait for the lock, or to return").atMost(PATIENCE).until(attempt::parkedOrDone);
            attempt.thread().interrupt();

            assertThat(attempt.result()).succeedsWithin(PATIENCE)
                    .isEqualTo("interrupted, holding the lock afterwards: false");
            assertThat(ran).isFalse();
        }

        @Test
        @DisplayName("rejects a zero or negative timeout and null arguments")
        void rejectsBadInput() {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Guard.tryRun(lock, Duration.ZERO, () -> {}));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Guard.tryRun(lock, Duration.ofMillis(-1), () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Guard.tryRun(null, PATIENCE, () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Guard.tryRun(lock, null, () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Guard.tryRun(lock, PATIENCE, null));
            assertThat(lock.isLocked()).isFalse();
        }
    }
}
