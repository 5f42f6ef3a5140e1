package k12_cpu_vs_io;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import k12_cpu_vs_io.programs.ReportPoolSizes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import support.ChildProgram;

@DisplayName("PoolSizing")
class PoolSizingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Nested
    @Tag("task:1")
    @DisplayName("for CPU-bound work (task 1)")
    class CpuBound {

        @Test
        @DisplayName("sizes the pool to the number of processors this JVM may use")
        void oneThreadPerCore() {
            assertThat(PoolSizing.cpuBoundPoolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }

        @Test
        @Timeout(value = 30, unit = SECONDS)
        @DisplayName("follows the processors the JVM is given: 3 in a JVM told it has 3, 1 in a JVM told it has 1")
        void followsTheProcessorsOfTheJvm() throws Exception {
            // A number written into the code passes on a machine that happens to have that many
            // cores; a child JVM told another count (-XX:ActiveProcessorCount) shows it everywhere.
            for (int processors : new int[] {3, 1}) {
                assertThat(poolSizesInAJvmWith(processors)).as("cpuBoundPoolSize, core and maximum pool size"
                        + " in a JVM with %d processors", processors).isEqualTo(processors + " " + processors + " " + processors);
            }
        }

        @Test
        @DisplayName("queues without bound: no task is ever refused for want of room")
        void queueIsUnbounded() {
            try (ExecutorService pool = PoolSizing.newCpuBoundPool()) {
                assertThat(pool).as("a fixed pool").isInstanceOf(ThreadPoolExecutor.class);
                assertThat(((ThreadPoolExecutor) pool).getQueue().remainingCapacity())
                        .as("room left in the queue of an idle pool").isEqualTo(Integer.MAX_VALUE);
            }
        }

        @Test
        @DisplayName("runs one task per core at once on platform threads, and queues the rest")
        void runsOnePerCoreAndQueuesTheRest() throws Exception {
            int cores = Runtime.getRuntime().availableProcessors();
            CountDownLatch allCoresBusy = new CountDownLatch(cores);
            CountDownLatch release = new CountDownLatch(1);
            Set<Thread> workers = ConcurrentHashMap.newKeySet();
            try (ExecutorService pool = PoolSizing.newCpuBoundPool()) {
                assertThat(pool).as("a fixed pool").isInstanceOf(ThreadPoolExecutor.class);
                ThreadPoolExecutor fixed = (ThreadPoolExecutor) pool;
                assertThat(fixed.getCorePoolSize()).as("core pool size").isEqualTo(cores);
                assertThat(fixed.getMaximumPoolSize()).as("maximum pool size").isEqualTo(cores);

                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < cores; i++) {
                    running.add(pool.submit(() -> {
                        workers.add(Thread.currentThread());
                        allCoresBusy.countDown();
                        return release.await(PATIENCE.toSeconds(), SECONDS);
                    }));
                }
                try {
                    assertThat(allCoresBusy.await(PATIENCE.toSeconds(), SECONDS)).as("one task per core started").isTrue();
                    Future<?> extra = pool.submit(() -> workers.add(Thread.currentThread()));

                    assertThat(fixed.getQueue()).as("the task beyond the core count waits in the queue").hasSize(1);
                    assertThat(extra).isNotDone();
                } finally {
                    release.countDown();
                }
                running.forEach(f -> assertThat(f).succeedsWithin(PATIENCE));
            }
            assertThat(workers).as("threads that ran the tasks").hasSize(cores)
                    .noneMatch(Thread::isVirtual);
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("from the blocking ratio (task 2)")
    class BlockingRatio {

        @Test
        @DisplayName("gives cores * (1 + wait / compute): 22 threads for 2 cores, 100 ms waiting per 10 ms computing")
        void appliesTheFormula() {
            assertThat(PoolSizing.ioBoundPoolSize(2, Duration.ofMillis(100), Duration.ofMillis(10))).isEqualTo(22);
            assertThat(PoolSizing.ioBoundPoolSize(8, Duration.ofMillis(50), Duration.ofMillis(50))).isEqualTo(16);
            assertThat(PoolSizing.ioBoundPoolSize(3, Duration.ofSeconds(1), Duration.ofSeconds(3))).as("exactly 4").isEqualTo(4);
            assertThat(PoolSizing.ioBoundPoolSize(3, Duration.ofMillis(10), Duration.ofMillis(3)))
                    .as("3 cores, 10 ms per 3 ms: exactly 13 (in doubles 3 * (1 + 10.0 / 3) is 13.000000000000002, which rounds up to 14)")
                    .isEqualTo(13);
            assertThat(PoolSizing.ioBoundPoolSize(1, Duration.ofMillis(90), Duration.ofMillis(10))).as("one core, the smallest allowed")
                    .isEqualTo(10);
        }

        @Test
        @DisplayName("gives one thread per core when the tasks never wait")
        void noWaitingMeansCpuBound() {
            assertThat(PoolSizing.ioBoundPoolSize(4, Duration.ZERO, Duration.ofMillis(5))).isEqualTo(4);
        }

        @Test
        @DisplayName("rounds up, so the cores are never left idle: 4 cores, 10 ms per 3 ms gives 18, not 17")
        void roundsUp() {
            assertThat(PoolSizing.ioBoundPoolSize(4, Duration.ofMillis(10), Duration.ofMillis(3))).isEqualTo(18);
        }

        @Test
        @DisplayName("rejects fewer than one core, a negative wait, a zero or negative compute time, and nulls")
        void rejectsBadInput() {
            Duration ms = Duration.ofMillis(1);
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> PoolSizing.ioBoundPoolSize(0, ms, ms));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> PoolSizing.ioBoundPoolSize(-2, ms, ms));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> PoolSizing.ioBoundPoolSize(2, ms.negated(), ms));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> PoolSizing.ioBoundPoolSize(2, ms, Duration.ZERO));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> PoolSizing.ioBoundPoolSize(2, ms, ms.negated()));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> PoolSizing.ioBoundPoolSize(2, null, ms));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> PoolSizing.ioBoundPoolSize(2, ms, null));
        }

        @Test
        @DisplayName("rejects a ratio whose pool would not fit an int, instead of overflowing")
        void rejectsOverflow() {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> PoolSizing.ioBoundPoolSize(2, Duration.ofDays(1), Duration.ofNanos(1)));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> PoolSizing.ioBoundPoolSize(Integer.MAX_VALUE, Duration.ofNanos(1), Duration.ofNanos(1)));
            // 3 * (200 years + 1 s) in nanoseconds passes Long.MAX_VALUE: long arithmetic wraps round to 474,855,930.
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("3 cores waiting 200 years per second of computing: 18,921,600,003 threads, which no int holds"
                            + " (in long nanoseconds 3 * (wait + compute) overflows)")
                    .isThrownBy(() -> PoolSizing.ioBoundPoolSize(3, Duration.ofDays(73_000), Duration.ofSeconds(1)));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("for IO-bound work (task 3)")
    class IoBound {

        /** The tutorial's IO-bound job: 10,000 tasks that mostly wait, each for about 100 ms. */
        static final int TASKS = 10_000;
        static final Duration BLOCKED_FOR = Duration.ofMillis(100);

        @Test
        @DisplayName("runs every task on a new virtual thread of its own")
        void newVirtualThreadPerTask() throws Exception {
            CyclicBarrier bothRunning = new CyclicBarrier(2);
            try (ExecutorService executor = PoolSizing.newIoBoundExecutor()) {
                Future<Thread> a = executor.submit(() -> meetAndReport(bothRunning));
                Future<Thread> b = executor.submit(() -> meetAndReport(bothRunning));

                assertThat(a).succeedsWithin(PATIENCE);
                assertThat(b).succeedsWithin(PATIENCE);
                assertThat(a.resultNow()).as("two tasks running at once").isNotSameAs(b.resultNow());
                assertThat(List.of(a.resultNow(), b.resultNow())).allMatch(Thread::isVirtual, "is virtual");

                // A task submitted after another has ended must not get that task's thread back.
                Thread earlier = a.resultNow();
                await("the thread of an ended task to end, or to wait for more work").atMost(PATIENCE)
                        .until(() -> EnumSet.of(Thread.State.TERMINATED, Thread.State.WAITING, Thread.State.TIMED_WAITING)
                                .contains(earlier.getState()));
                Future<Thread> later = executor.submit(Thread::currentThread);
                assertThat(later).succeedsWithin(PATIENCE);
                assertThat(later.resultNow()).withFailMessage("a task ran on %s, a thread that had already run an earlier"
                        + " task and waited for the next: the executor pools its threads, instead of starting a new"
                        + " virtual thread for each task", later.resultNow()).isNotSameAs(earlier);
                assertThat(executor).withFailMessage("newIoBoundExecutor returned a %s: a thread pool, which keeps its"
                        + " threads for later tasks and stops starting new ones at its maximum size, however large;"
                        + " virtual threads are cheap enough to start one for every task", executor.getClass().getSimpleName())
                        .isNotInstanceOf(ThreadPoolExecutor.class);
            }
        }

        private static Thread meetAndReport(CyclicBarrier barrier) throws Exception {
            barrier.await(PATIENCE.toSeconds(), SECONDS);
            return Thread.currentThread();
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("finishes 10,000 tasks that each block for 100 ms in under 10 s (about 1 s), all blocked at once")
        void tenThousandBlockingTasksOverlap() {
            AtomicInteger blockedNow = new AtomicInteger();
            AtomicInteger mostBlockedAtOnce = new AtomicInteger();

            long start = System.nanoTime();
            try (ExecutorService executor = PoolSizing.newIoBoundExecutor()) {
                for (int i = 0; i < TASKS; i++) {
                    executor.submit(() -> {
                        mostBlockedAtOnce.accumulateAndGet(blockedNow.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(BLOCKED_FOR); // simulated IO: stands for a network call, not a synchronisation
                        } finally {
                            blockedNow.decrementAndGet();
                        }
                        return null;
                    });
                }
            } // close() waits for all 10,000
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // Far from the expected figures, so a loaded machine cannot make this flaky: one thread per
            // core would need 10,000 * 100 ms / cores (500 s on 2 cores) and block at most `cores` at once.
            assertThat(mostBlockedAtOnce.get()).as("the most tasks blocked at the same moment (cores: %d)",
                    Runtime.getRuntime().availableProcessors()).isGreaterThan(1_000);
            assertThat(took).as("time for 10,000 tasks of 100 ms each").isLessThan(Duration.ofSeconds(10));
            assertThat(blockedNow.get()).as("tasks still blocked after close()").isZero();
        }
    }

    /** Runs {@link ReportPoolSizes} in a child JVM that sees {@code processors} processors, and returns its line. */
    private static String poolSizesInAJvmWith(int processors) throws Exception {
        List<String> command = new ArrayList<>(ChildProgram.command(ReportPoolSizes.class));
        command.add(1, "-XX:ActiveProcessorCount=" + processors);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            child.getOutputStream().close();
            // The child prints one short line; reading to the end also waits for it to exit.
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(PATIENCE)).as("the child JVM ended").isTrue();
            assertThat(child.exitValue()).as("exit code of the child; its output: %s", output).isZero();
            return output.strip();
        } finally {
            child.destroyForcibly();
            child.onExit().join();
        }
    }
}
