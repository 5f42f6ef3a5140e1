package k14_visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("a stop flag shared by two threads")
class StopFlagTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** Starts a worker spinning on the flag, requests a stop from this thread, and waits for the worker's end. */
    static SpinningWorker stopASpinningWorker(StopFlag flag) throws InterruptedException {
        SpinningWorker worker = new SpinningWorker(flag);
        // A daemon: a worker that never sees the stop cannot be ended by anything, and must not keep
        // the JVM alive after the run; NoLeaks names it if it is still spinning.
        Thread thread = Thread.ofPlatform().name("k14-spinning-worker").daemon(true).start(worker);
        assertThat(worker.awaitStarted(PROMPTLY)).as("the worker started").isTrue();
        flag.requestStop();
        assertThat(thread.join(PROMPTLY))
                .as("the worker saw the stop and ended within %d s (a stale read spins for ever)", PROMPTLY.toSeconds())
                .isTrue();
        return worker;
    }

    @Nested
    @Tag("given")
    @DisplayName("the plain-field flag and the spinning worker (given, for study)")
    class Given {

        @Test
        @DisplayName("the plain-field flag works on one thread")
        void unsafeFlagOnOneThread() {
            StopFlag flag = new UnsafeStopFlag();
            assertThat(flag.isStopRequested()).isFalse();
            flag.requestStop();
            flag.requestStop();
            assertThat(flag.isStopRequested()).isTrue();
        }

        @Test
        @DisplayName("a worker whose stop was requested before its thread started ends at once: start() is a happens-before edge")
        void stopBeforeStart() throws InterruptedException {
            StopFlag flag = new UnsafeStopFlag();
            flag.requestStop();
            SpinningWorker worker = new SpinningWorker(flag);
            Thread thread = Thread.ofPlatform().name("k14-stopped-worker").start(worker);

            assertThat(thread.join(PROMPTLY)).as("ended").isTrue();
            assertThat(worker.spins()).isZero();
        }

        @Test
        @DisplayName("the worker rejects a null flag")
        void workerRejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new SpinningWorker(null));
        }
    }

    /** What every safe flag must do, whatever edge it is built on. */
    abstract static class SafeContract {

        abstract StopFlag newFlag();

        @Test
        @DisplayName("is not set until requested, then stays set, and a second request changes nothing")
        void setOnceAndStays() {
            StopFlag flag = newFlag();
            assertThat(flag.isStopRequested()).as("a new flag asks for a stop").isFalse();
            flag.requestStop();
            assertThat(flag.isStopRequested()).as("after requestStop, the flag asks for a stop").isTrue();
            flag.requestStop();
            assertThat(flag.isStopRequested()).as("after a second requestStop, the flag still asks for a stop"
                    + " (a request is a one-way switch, not a toggle)").isTrue();
        }

        @Test
        @DisplayName("belongs to one worker: stopping one flag leaves another flag unset")
        void flagsAreIndependent() {
            StopFlag first = newFlag();
            StopFlag second = newFlag();
            first.requestStop();
            assertThat(second.isStopRequested()).as("a second flag after the first was stopped").isFalse();
            assertThat(newFlag().isStopRequested()).as("a new flag").isFalse();
        }

        @Test
        @DisplayName("stops a worker spinning on another thread promptly after the request")
        void stopsASpinningWorker() throws InterruptedException {
            SpinningWorker worker = stopASpinningWorker(newFlag());
            assertThat(worker.spins()).as("loops the worker ran").isNotNegative();
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("VolatileStopFlag (task 1)")
    class Volatile extends SafeContract {

        @Override
        StopFlag newFlag() {
            return new VolatileStopFlag();
        }

        @Test
        @DisplayName("keeps its state in a volatile boolean field")
        void fieldIsVolatile() {
            List<Field> fields = instanceFields(VolatileStopFlag.class);
            assertThat(fields).as("instance fields of VolatileStopFlag").isNotEmpty()
                    .allSatisfy(f -> assertThat(Modifier.isVolatile(f.getModifiers()))
                            .as("field %s is volatile", f.getName()).isTrue())
                    .anySatisfy(f -> assertThat(f.getType()).isEqualTo(boolean.class));
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("LockedStopFlag (task 2)")
    class Locked extends SafeContract {

        @Override
        StopFlag newFlag() {
            return new LockedStopFlag();
        }

        @Test
        @DisplayName("takes the flag's own monitor on both sides, the write and the read")
        void bothSidesTakeTheFlagsMonitor() throws Exception {
            LockedStopFlag flag = new LockedStopFlag();
            assertThat(waitsForTheMonitor(flag, flag::isStopRequested)).as("isStopRequested() waits while another"
                    + " thread holds the flag's monitor").isTrue();
            assertThat(waitsForTheMonitor(flag, flag::requestStop)).as("requestStop() waits while another"
                    + " thread holds the flag's monitor").isTrue();
        }

        @Test
        @DisplayName("relies on the lock alone: its field is plain, not volatile")
        void fieldIsPlain() {
            assertThat(instanceFields(LockedStopFlag.class)).as("instance fields of LockedStopFlag")
                    .noneMatch(f -> Modifier.isVolatile(f.getModifiers()));
            assertThat(new LockedStopFlag().isStopRequested()).as("not stopped when new").isFalse();
        }
    }

    /** The fields a class declares for its instances, read by reflection: what its state is built on. */
    private static List<Field> instanceFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic())
                .toList();
    }

    /**
     * Whether {@code call}, run on another thread while this thread holds {@code flag}'s monitor,
     * blocks on that monitor. It cannot pass by timing: the call either ends (false) or stays
     * blocked on exactly this monitor until it is released, and the wait ends on whichever comes first.
     */
    private static boolean waitsForTheMonitor(Object flag, Runnable call) throws InterruptedException {
        Thread caller;
        boolean blocked;
        synchronized (flag) {
            caller = Thread.ofPlatform().name("k14-flag-caller").start(call);
            await("the call to end, or to block on the flag's monitor").atMost(PROMPTLY)
                    .until(() -> !caller.isAlive() || blockedOn(caller, flag));
            blocked = blockedOn(caller, flag);
        }
        assertThat(caller.join(PROMPTLY)).as("the call ended once the monitor was free").isTrue();
        return blocked;
    }

    /** Whether {@code thread} is blocked entering the monitor of {@code lock}, as the JVM reports it. */
    private static boolean blockedOn(Thread thread, Object lock) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.threadId());
        return info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockInfo() != null
                && info.getLockInfo().getIdentityHashCode() == System.identityHashCode(lock);
    }
}
