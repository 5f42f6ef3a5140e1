package k09_parallelism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("ParallelPrimes")
class ParallelPrimesTest {

    /** A hook that makes every worker wait at a barrier for all the others: passes only if they run at once. */
    static Runnable allAtOnce(CyclicBarrier barrier, Set<Thread> workers) {
        return () -> {
            workers.add(Thread.currentThread());
            try {
                barrier.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new AssertionError("the " + barrier.getParties() + " workers were not running at the same time"
                        + " (only " + workers.size() + " reached the start): start them all before joining any", e);
            }
        };
    }

    /** Waits for {@code latch} however often this thread is interrupted; the test always opens it in the end. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // this worker has seen its interrupt already
            }
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("counting on several threads (task 1)")
    class Counting {

        @Test
        @DisplayName("counts the 78,498 primes below one million, on one thread and on four")
        void countsBelowOneMillion() throws InterruptedException {
            assertThat(new ParallelPrimes(1).countBelow(1_000_000)).isEqualTo(Primes.BELOW_ONE_MILLION);
            assertThat(new ParallelPrimes(4).countBelow(1_000_000)).isEqualTo(Primes.BELOW_ONE_MILLION);
        }

        @Test
        @DisplayName("counts up to but not including the limit, whatever the number of threads")
        void limitIsExclusive() throws InterruptedException {
            // 1,000,003 is prime; 1,000,001 and 1,000,002 are not.
            assertThat(new ParallelPrimes(3).countBelow(1_000_003)).as("primes below 1,000,003 on three threads")
                    .isEqualTo(Primes.BELOW_ONE_MILLION);
            assertThat(new ParallelPrimes(3).countBelow(1_000_004)).as("primes below 1,000,004 on three threads"
                    + " (1,000,003, the last number counted, is prime: are the last numbers left out of every share?)")
                    .isEqualTo(Primes.BELOW_ONE_MILLION + 1);
        }

        @Test
        @DisplayName("handles tiny limits, with more threads than numbers")
        void tinyLimits() throws InterruptedException {
            ParallelPrimes eight = new ParallelPrimes(8);
            assertThat(eight.countBelow(0)).isZero();
            assertThat(eight.countBelow(2)).isZero();
            assertThat(eight.countBelow(3)).as("primes below 3 on eight threads").isEqualTo(1);
            assertThat(eight.countBelow(10)).as("primes below 10 on eight threads").isEqualTo(4);
        }

        @Test
        @DisplayName("runs the workers on that many new threads at the same time")
        void workersRunAtOnce() throws InterruptedException {
            Set<Thread> workers = ConcurrentHashMap.newKeySet();
            ParallelPrimes counter = new ParallelPrimes(4, allAtOnce(new CyclicBarrier(4), workers));

            assertThat(counter.countBelow(100_000)).isEqualTo(9_592);

            assertThat(workers).as("threads that ran onWorkerStart").hasSize(4).doesNotContain(Thread.currentThread());
            assertThat(workers.stream().filter(Thread::isVirtual).map(Thread::getName).sorted().toList())
                    .withFailMessage("the workers %s are virtual threads: the task asks for platform threads, one for each"
                            + " share of CPU-bound work (virtual threads are for work that waits, and take turns on a"
                            + " few carrier threads)", workers.stream().map(Thread::getName).sorted().toList())
                    .isEmpty();
            assertThat(counter.threads()).isEqualTo(4);
        }

        @Test
        @DisplayName("counts on two workers at the same moment: a snapshot of the threads finds both inside Primes at once")
        void workersCountAtTheSameTime() throws Exception {
            // Starting together is not enough: workers that then take turns at one lock count one at a time.
            Set<Thread> workers = ConcurrentHashMap.newKeySet();
            ParallelPrimes counter = new ParallelPrimes(2, () -> workers.add(Thread.currentThread()));
            int mostAtOnce = 0;
            for (int round = 1; round <= 10 && mostAtOnce < 2; round++) {
                workers.clear();
                CompletableFuture<Integer> count = CompletableFuture.supplyAsync(() -> countBelowOneMillion(counter),
                        r -> Thread.ofPlatform().name("caller").start(r));
                AtomicInteger most = new AtomicInteger();
                await("two workers inside Primes in one snapshot, or the count to end")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(2))
                        .until(() -> most.accumulateAndGet(CountingSnapshot.countingAtOnce(workers), Math::max) >= 2
                                || count.isDone());
                assertThat(count).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(Primes.BELOW_ONE_MILLION);
                mostAtOnce = Math.max(mostAtOnce, most.get());
            }

            assertThat(mostAtOnce).as("most workers ever seen inside Primes at the same instant, in up to ten counts"
                    + " (1 means they took turns: is there a lock around the counting?)").isEqualTo(2);
        }

        private static int countBelowOneMillion(ParallelPrimes counter) {
            try {
                return counter.countBelow(1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Test
        @DisplayName("adds up the workers' counts safely: no worker reads a shared total and writes it back in two steps")
        void noReadThenWriteOfASharedTotal() throws InterruptedException {
            assertThat(new ParallelPrimes(2).countBelow(100)).as("primes below 100 on two threads").isEqualTo(25);
            // total += count is a read, an add and a write: two workers that read the same old total
            // both write back their own sum, and one count is lost. The window is a few nanoseconds,
            // too short for any run to show reliably, so the bytecode is read instead.
            java.util.List<String> found = SharedUpdates.in(ParallelPrimes.class, "countBelow");
            assertThat(found).withFailMessage("the workers update a shared number in two steps: %s. Java has no GIL:"
                    + " two workers can read the same old total at the same moment, and one of their counts is lost",
                    found).isEmpty();
        }

        @Test
        @DisplayName("when the caller is interrupted, interrupts the workers, waits for them to end and throws InterruptedException")
        void interruptStopsTheWorkers() throws InterruptedException {
            CountDownLatch started = new CountDownLatch(2);
            CountDownLatch interrupted = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            Set<Thread> workers = ConcurrentHashMap.newKeySet();
            ParallelPrimes counter = new ParallelPrimes(2, () -> {
                workers.add(Thread.currentThread());
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // only an interrupt lets this worker go on
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    awaitUninterruptibly(release); // the worker winds down slowly: countBelow must wait for it
                    Thread.currentThread().interrupt(); // keep the flag: the counting loop must see it and stop
                }
            });
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().name("caller").start(() -> {
                try {
                    result.complete(counter.countBelow(1_000_000));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            try {
                await("both workers started, or countBelow ended").atMost(Duration.ofSeconds(5))
                        .until(() -> started.getCount() == 0 || result.isDone());
                caller.interrupt();
                await("both workers interrupted, or countBelow ended").atMost(Duration.ofSeconds(5))
                        .until(() -> interrupted.getCount() == 0 || result.isDone());
                assertThat(result).as("countBelow returned while its workers were still running").isNotDone();
                release.countDown();

                assertThat(result).failsWithin(Duration.ofSeconds(5))
                        .withThrowableOfType(ExecutionException.class)
                        .havingCause().isInstanceOf(InterruptedException.class);
                assertThat(workers).as("workers").hasSize(2)
                        .allSatisfy(w -> assertThat(w.isAlive()).as("%s still alive after countBelow threw", w).isFalse());
            } finally {
                release.countDown();
                caller.join(Duration.ofSeconds(5));
            }
        }

        @Test
        @DisplayName("hands the caller the exception a worker threw, once every worker has ended")
        void workerFailureReachesCaller() {
            IllegalStateException boom = new IllegalStateException("worker failed");
            AtomicBoolean thrown = new AtomicBoolean();
            ParallelPrimes counter = new ParallelPrimes(3, () -> {
                if (!thrown.getAndSet(true)) {
                    throw boom;
                }
            });

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> counter.countBelow(50_000)).isSameAs(boom);
        }

        @Test
        @DisplayName("rejects a negative limit")
        void rejectsNegativeLimit() {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ParallelPrimes(2).countBelow(-1));
        }

        @Test
        @Tag("given")
        @DisplayName("rejects fewer than one thread and a null hook (the constructors are given)")
        void rejectsBadConstruction() {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ParallelPrimes(0));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new ParallelPrimes(1, null));
        }
    }

    @Nested
    @Tag("given")
    @DisplayName("Primes (given)")
    class GivenPrimes {

        @Test
        @DisplayName("knows the small primes and counts a range without its end")
        void smallPrimes() {
            assertThat(Primes.isPrime(1)).isFalse();
            assertThat(Primes.isPrime(2)).isTrue();
            assertThat(Primes.isPrime(9)).isFalse();
            assertThat(Primes.isPrime(1_000_003)).isTrue();
            assertThat(Primes.countInRange(0, 10)).isEqualTo(4);
            assertThat(Primes.countInRange(2, 3)).isEqualTo(1);
        }
    }
}
