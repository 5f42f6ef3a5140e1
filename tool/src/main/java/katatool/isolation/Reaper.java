package katatool.isolation;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds and ends every process a grade started, detached ones included, before the grade is
 * written.
 *
 * <p>On Linux the grader becomes a child subreaper for the grade ({@code prctl(PR_SET_CHILD_SUBREAPER)}
 * through {@code java.lang.foreign}): a process that detaches itself (a double fork, {@code setsid})
 * is re-parented to the grader instead of to init, so it stays among the grader's children, where
 * {@link #sweep} finds it, kills it and reaps it. On every system, and as a second net on Linux,
 * the sweep also kills any process started since the grade began whose command line names the
 * grade's scratch folder (a JVM started with the kata's class path does). Windows and macOS have
 * no subreaper: there, a detached process that does not name the scratch folder (a shell command,
 * say) can outlive the grade, though it cannot change a grade already written, and in the Linux
 * sandbox it could not write anywhere that matters.
 */
public final class Reaper implements AutoCloseable {

    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    private final Set<Long> before;
    private final Set<Long> started = new HashSet<>();
    private final Instant since;
    private final String marker;
    private final boolean subreaper;

    /** @param scratch the grade's scratch folder, which the command lines of its processes name */
    public Reaper(String scratch) {
        this.before = new HashSet<>(ProcessHandle.current().children().map(ProcessHandle::pid).toList());
        this.since = Instant.now().minusSeconds(1);
        this.marker = scratch;
        this.subreaper = LINUX && prctl(PR_SET_CHILD_SUBREAPER, 1);
    }

    /** Whether orphans of the grade come back to this JVM (Linux only). */
    public boolean subreaper() {
        return subreaper;
    }

    /** Notes a process this JVM started itself (and that Java reaps), so the sweep does not reap it. */
    public void started(Process process) {
        started.add(process.pid());
    }

    /** Kills a process and everything below it, deepest first. */
    public static void killTree(ProcessHandle process) {
        List<ProcessHandle> below = process.descendants().toList();
        process.destroyForcibly();
        below.reversed().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills every process the grade left: children that came back to this JVM and processes that
     * name the scratch folder. Repeats until none is found, as a process may fork while it dies.
     *
     * @return how many it killed
     */
    public int sweep() {
        int killed = 0;
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> left = Stream.concat(
                    ProcessHandle.current().children().filter(p -> !before.contains(p.pid())),
                    ProcessHandle.allProcesses().filter(this::namesScratch))
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .distinct().toList();
            List<ProcessHandle> alive = left.stream().filter(p -> !reaped(p)).toList();
            if (alive.isEmpty()) {
                return killed;
            }
            for (ProcessHandle p : alive) {
                killTree(p);
                killed++;
            }
            for (ProcessHandle p : alive) {
                if (started.contains(p.pid())) {
                    p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
                } else {
                    reap(p, Duration.ofSeconds(10));
                }
            }
        }
        return killed;
    }

    private boolean namesScratch(ProcessHandle p) {
        ProcessHandle.Info info = p.info();
        return info.startInstant().map(s -> !s.isBefore(since)).orElse(false)
                && info.commandLine().or(() -> info.arguments().map(a -> String.join(" ", a))).map(c -> c.contains(marker)).orElse(false);
    }

    /** True for an orphan that was a zombie and is now reaped: it needs no kill. */
    private boolean reaped(ProcessHandle p) {
        return subreaper && !started.contains(p.pid()) && p.parent().map(q -> q.pid() == ProcessHandle.current().pid()).orElse(false)
                && waitpid(p.pid(), WNOHANG) == p.pid();
    }

    /** Collects a killed orphan's exit status, so it leaves no zombie among this JVM's children. */
    private void reap(ProcessHandle p, Duration ceiling) {
        if (!subreaper || p.parent().map(q -> q.pid() != ProcessHandle.current().pid()).orElse(true)) {
            p.onExit().orTimeout(ceiling.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> p).join();
            return;
        }
        long deadline = System.nanoTime() + ceiling.toNanos();
        while (System.nanoTime() < deadline) {
            int r = waitpid(p.pid(), WNOHANG);
            if (r != 0) {
                return; // reaped, or not ours to reap
            }
            try {
                Thread.sleep(5); // polls a process that was sent SIGKILL: it is gone within milliseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Ends the subreaper role, so later children of this JVM (in the tool's own tests) are re-parented as usual. */
    @Override
    public void close() {
        sweep();
        if (subreaper) {
            prctl(PR_SET_CHILD_SUBREAPER, 0);
        }
    }

    private static boolean prctl(int option, long value) {
        return call("prctl", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), true)
                .map(h -> {
                    try {
                        return (int) h.invokeExact(option, value) == 0;
                    } catch (Throwable e) {
                        return false;
                    }
                }).orElse(false);
    }

    private static int waitpid(long pid, int options) {
        return call("waitpid", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT), false).map(h -> {
                    try {
                        return (int) h.invokeExact((int) pid, MemorySegment.NULL, options);
                    } catch (Throwable e) {
                        return -1;
                    }
                }).orElse(-1);
    }

    private static Optional<MethodHandle> call(String function, FunctionDescriptor descriptor, boolean variadic) {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(function).map(address -> variadic
                    ? linker.downcallHandle(address, descriptor, Linker.Option.firstVariadicArg(1))
                    : linker.downcallHandle(address, descriptor));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // no native access here: the sweep by command line still runs
        }
    }
}
