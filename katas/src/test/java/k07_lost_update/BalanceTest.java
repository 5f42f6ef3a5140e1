package k07_lost_update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("a balance changed by two threads")
class BalanceTest {

    /** The tutorial's loop count: each thread runs change_it this many times. */
    static final int ROUNDS = 1_000_000;

    /**
     * The tutorial's program: two threads run change(5) and change(8) a million times each,
     * released together by a barrier so they really overlap. A safe balance ends at 0.
     */
    static long tutorialRun(Balance balance) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> a = pool.submit(() -> changeManyTimes(balance, 5, start));
            Future<?> b = pool.submit(() -> changeManyTimes(balance, 8, start));
            a.get();
            b.get();
        }
        return balance.get();
    }

    private static Void changeManyTimes(Balance balance, long n, CyclicBarrier start)
            throws InterruptedException, BrokenBarrierException {
        start.await();
        for (int i = 0; i < ROUNDS; i++) {
            balance.change(n);
        }
        return null;
    }

    @Nested
    @Tag("given")
    @DisplayName("the unlocked balance (given, for study)")
    class Unlocked {

        @Test
        @DisplayName("counts correctly when only one thread uses it")
        void correctOnOneThread() {
            Balance balance = new UnsafeBalance();
            balance.add(5);
            balance.add(8);
            assertThat(balance.get()).isEqualTo(13);
        }

        @Test
        @DisplayName("loses an update on every run when the second thread reads before the first writes")
        void losesAnUpdateWhenForced() throws InterruptedException {
            InterleavingProbe.Outcome outcome = InterleavingProbe.run(UnsafeBalance::new, false);

            assertThat(outcome.secondReadWhileFirstHeld()).as("both threads read the same old balance").isTrue();
            assertThat(outcome.balance()).as("5 + 8 with one update lost").isEqualTo(5);
        }
    }

    /** What every safe balance must do, whatever it is built on. */
    abstract static class SafeContract {

        abstract Balance newBalance();

        @Test
        @DisplayName("ends at 0 after two threads run change(5) and change(8) a million times each")
        void tutorialRunEndsAtZero() throws Exception {
            assertThat(tutorialRun(newBalance())).isZero();
        }

        @Test
        @DisplayName("adds and reads on one thread")
        void addsOnOneThread() {
            Balance balance = newBalance();
            balance.add(5);
            balance.add(-8);
            assertThat(balance.get()).isEqualTo(-3);
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("SynchronizedBalance (task 1)")
    class Synchronized extends SafeContract {

        @Override
        Balance newBalance() {
            return new SynchronizedBalance();
        }

        @Test
        @DisplayName("makes the second thread wait while the first is between its read and its write, and loses nothing")
        void secondThreadWaits() throws InterruptedException {
            InterleavingProbe.Outcome outcome = InterleavingProbe.run(SynchronizedBalance::new, true);

            assertThat(outcome.balance()).isEqualTo(13);
            assertThat(outcome.secondSeenWaitingAtLock()).as("second thread blocked at the monitor").isTrue();
        }

        @Test
        @Tag("given")
        @DisplayName("rejects a null hook (the constructor is given)")
        void rejectsNullHook() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new SynchronizedBalance(null));
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("LockedBalance (task 2)")
    class Locked extends SafeContract {

        @Override
        Balance newBalance() {
            return new LockedBalance();
        }

        @Test
        @DisplayName("makes the second thread wait while the first is between its read and its write, and loses nothing")
        void secondThreadWaits() throws InterruptedException {
            InterleavingProbe.Outcome outcome = InterleavingProbe.run(LockedBalance::new, true);

            assertThat(outcome.balance()).isEqualTo(13);
            assertThat(outcome.secondSeenWaitingAtLock()).as("second thread parked at the lock").isTrue();
        }

        @Test
        @DisplayName("releases the lock when the guarded code throws, so another thread can still add")
        void releasesLockOnException() throws Exception {
            AtomicBoolean failOnce = new AtomicBoolean(true);
            Balance balance = new LockedBalance(() -> {
                if (failOnce.getAndSet(false)) {
                    throw new IllegalStateException("failure while holding the lock");
                }
            });

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> balance.add(5));
            try (ExecutorService other = Executors.newSingleThreadExecutor()) {
                assertThat(other.submit(() -> balance.add(8))).succeedsWithin(Duration.ofSeconds(5));
            }
            assertThat(balance.get()).isEqualTo(8);
        }

        @Test
        @DisplayName("releases the lock after a read, so another thread can add right after get")
        void readReleasesLock() {
            Balance balance = new LockedBalance();
            balance.add(5);

            assertThat(balance.get()).isEqualTo(5);
            try (ExecutorService other = Executors.newSingleThreadExecutor()) {
                assertThat(other.submit(() -> balance.add(8))).succeedsWithin(Duration.ofSeconds(5));
            }
            assertThat(balance.get()).isEqualTo(13);
        }

        @Test
        @DisplayName("is built on a ReentrantLock")
        void usesReentrantLock() {
            assertThat(dependencies(LockedBalance.class)).as("classes LockedBalance uses")
                    .contains(ReentrantLock.class.getName());
        }

        @Test
        @Tag("given")
        @DisplayName("rejects a null hook (the constructor is given)")
        void rejectsNullHook() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new LockedBalance(null));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("AtomicBalance (task 3)")
    class Atomic extends SafeContract {

        @Override
        Balance newBalance() {
            return new AtomicBalance();
        }

        @Test
        @DisplayName("is built on an AtomicLong and takes no lock")
        void usesAtomicLongAndNoLock() {
            assertThat(dependencies(AtomicBalance.class)).as("classes AtomicBalance uses")
                    .contains(AtomicLong.class.getName())
                    .noneMatch(type -> type.startsWith("java.util.concurrent.locks."));
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("AdderBalance (task 4)")
    class Adder extends SafeContract {

        @Override
        Balance newBalance() {
            return new AdderBalance();
        }

        @Test
        @DisplayName("is built on a LongAdder and takes no lock")
        void usesLongAdderAndNoLock() {
            assertThat(dependencies(AdderBalance.class)).as("classes AdderBalance uses")
                    .contains(LongAdder.class.getName())
                    .noneMatch(type -> type.startsWith("java.util.concurrent.locks."));
        }
    }

    /** The classes a class uses in its bytecode, read by ArchUnit: what it is really built on. */
    private static Set<String> dependencies(Class<?> type) {
        JavaClass imported = new ClassFileImporter().importClasses(type).get(type);
        return imported.getDirectDependenciesFromSelf().stream()
                .map(d -> d.getTargetClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
