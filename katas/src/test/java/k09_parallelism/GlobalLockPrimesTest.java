package k09_parallelism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("GlobalLockPrimes, a GIL of your own making")
class GlobalLockPrimesTest {

    @Nested
    @Tag("task:3")
    @DisplayName("one lock on the hot path (task 3)")
    class OneLock {

        @Test
        @DisplayName("still counts the 78,498 primes below one million")
        void countsCorrectly() throws InterruptedException {
            assertThat(new GlobalLockPrimes(2).countBelow(1_000_000)).isEqualTo(Primes.BELOW_ONE_MILLION);
        }

        @Test
        @DisplayName("counts up to but not including the limit, also for tiny limits and more threads than numbers")
        void tinyLimits() throws InterruptedException {
            GlobalLockPrimes eight = new GlobalLockPrimes(8);
            assertThat(eight.countBelow(0)).isZero();
            assertThat(eight.countBelow(2)).isZero();
            assertThat(eight.countBelow(3)).as("primes below 3, which is prime").isEqualTo(1);
            assertThat(eight.countBelow(10)).isEqualTo(4);
            assertThat(eight.countBelow(8_209)).as("primes below 8,209, which is prime").isEqualTo(1_028);
        }

        @Test
        @DisplayName("starts its workers on that many threads at the same time")
        void workersRunAtOnce() throws InterruptedException {
            Set<Thread> workers = ConcurrentHashMap.newKeySet();
            GlobalLockPrimes counter = new GlobalLockPrimes(3, ParallelPrimesTest.allAtOnce(new CyclicBarrier(3), workers), () -> {});

            assertThat(counter.countBelow(100_000)).isEqualTo(9_592);
            assertThat(workers).hasSize(3).doesNotContain(Thread.currentThread());
        }

        @Test
        @DisplayName("never lets two workers inside the locked section at once: the others queue at the lock")
        void oneWorkerInsideAtATime() throws InterruptedException {
            SectionProbe probe = new SectionProbe(4);
            GlobalLockPrimes counter = new GlobalLockPrimes(4, probe::workerStarted, probe::inside);

            assertThat(counter.countBelow(200_000)).isEqualTo(17_984);

            assertThat(probe.workersStarted()).as("workers that called onWorkerStart").isEqualTo(4);
            assertThat(probe.highWater()).as("most workers ever inside the locked section at once"
                    + " (every worker must take the same lock, around every number)").isEqualTo(1);
            assertThat(probe.othersSeenWaiting()).as("the other workers were seen waiting while the first was inside").isTrue();
        }

        @Test
        @DisplayName("rejects a negative limit")
        void rejectsNegativeLimit() {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new GlobalLockPrimes(2).countBelow(-1));
        }

        @Test
        @Tag("given")
        @DisplayName("rejects fewer than one thread and null hooks (the constructors are given)")
        void rejectsBadConstruction() {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new GlobalLockPrimes(0));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new GlobalLockPrimes(1, null, () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new GlobalLockPrimes(1, () -> {}, null));
        }
    }
}
