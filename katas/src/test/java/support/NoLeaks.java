package support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test whose threads or child processes outlive it, and names each one.
 *
 * <p>Registered for every test through {@code META-INF/services} and JUnit's extension
 * auto-detection. Before each test it records the live platform threads and this JVM's
 * descendant processes; after the test it waits, at most a short grace period, for anything new
 * to end (it returns as soon as nothing the test started is alive), then destroys leftover
 * processes (forcibly, so none outlives the run) and fails the test with their names. A test that
 * has already failed gets a much shorter grace: its verdict is certain, and what it left behind is
 * named beside its failure. Threads that the JDK or the test framework keep for reuse are ignored.
 */
public final class NoLeaks implements BeforeEachCallback, AfterEachCallback {

    /**
     * How long a test's threads and children get to finish after the test method returns; the
     * system property {@code katas.leakGraceMillis} shortens it for the suite's own hang drills.
     */
    static final Duration GRACE = Duration.ofMillis(Long.getLong("katas.leakGraceMillis", 5_000));

    /**
     * The grace after a test that failed: long enough for threads that were ending anyway (a
     * finally block, an interrupt on its way), not for waits that would only delay the verdict.
     */
    static final Duration GRACE_AFTER_FAILURE = Duration.ofMillis(Math.min(GRACE.toMillis(), 300));

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeaks.class);

    private record Snapshot(Set<Thread> threads, Set<Long> processes) {}

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put(Snapshot.class, new Snapshot(userThreads(), descendantPids()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Snapshot before = context.getStore(NS).get(Snapshot.class, Snapshot.class);
        if (before == null) {
            return;
        }
        List<String> leaks = new ArrayList<>();
        Duration grace = context.getExecutionException().isPresent() ? GRACE_AFTER_FAILURE : GRACE;
        try {
            await("threads and child processes started by this test to end")
                    .atMost(grace)
                    .pollDelay(Duration.ZERO) // most tests leave nothing behind: look at once
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> newThreads(before).isEmpty() && newProcesses(before).isEmpty());
        } catch (ConditionTimeoutException stillAlive) {
            for (Thread t : newThreads(before)) {
                leaks.add("thread '" + t.getName() + "' (" + t.getState() + ")" + where(t));
            }
            for (ProcessHandle p : newProcesses(before)) {
                leaks.add("child process " + p.pid() + " " + p.info().commandLine().orElse(""));
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("Leaked by this test, still alive " + grace.toMillis()
                    + " ms after it ended (join your threads, shut down your executors, reap your"
                    + " processes):\n  " + String.join("\n  ", leaks));
        }
    }

    private static String where(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length == 0 ? "" : " at " + stack[0];
    }

    private static List<Thread> newThreads(Snapshot before) {
        return userThreads().stream().filter(t -> !before.threads().contains(t)).toList();
    }

    private static List<ProcessHandle> newProcesses(Snapshot before) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !before.processes().contains(p.pid()))
                .filter(p -> !isConsoleHost(p.info().command()))
                .toList();
    }

    /**
     * Whether a process is Windows' console host: a console program started with pipes gets a
     * {@code conhost.exe} child of its own, which ends with it and is no leak of the test.
     */
    static boolean isConsoleHost(Optional<String> command) {
        return command.map(c -> c.replace('\\', '/'))
                .map(c -> c.substring(c.lastIndexOf('/') + 1))
                .filter(name -> name.equalsIgnoreCase("conhost.exe"))
                .isPresent();
    }

    private static Set<Long> descendantPids() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Live platform threads that a test could have started, without the JVM's and JUnit's own. */
    static Set<Thread> userThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !isInfrastructure(t))
                .collect(Collectors.toSet());
    }

    private static boolean isInfrastructure(Thread t) {
        String name = t.getName();
        String group = Optional.ofNullable(t.getThreadGroup()).map(ThreadGroup::getName).orElse("");
        return group.equals("system")
                || group.equals("InnocuousThreadGroup")
                // Carriers of virtual threads belong to the JDK's scheduler and are reused; so is
                // its delay scheduler (JDK 25), started by the first timed wait on a virtual thread.
                || t.getClass().getName().equals("jdk.internal.misc.CarrierThread")
                || group.equals("CarrierThreads")
                || name.startsWith("ForkJoinPool.commonPool-worker")
                || name.equals("process reaper")
                || name.startsWith("junit-")
                || name.startsWith("awaitility")
                // CompletableFuture.orTimeout/completeOnTimeout (JDK 25) schedule on the common pool's
                // delay scheduler, started on first use and kept for the JVM's life like its workers.
                || name.equals("ForkJoinPool.commonPool-delayScheduler")
                || name.equals("main");
    }
}
