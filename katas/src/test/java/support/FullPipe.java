package support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs code under test that talks to a child writing more than a pipe holds, and turns the
 * deadlock of a child nobody reads into a failure that says so, instead of a bare timeout.
 *
 * <p>The child program reports through two files in a folder: {@link #started} writes its pid
 * before it writes anything, {@link #wroteAll} marks that every byte is out. A pipe holds a few
 * kilobytes (64 KiB on Linux): a child with a mebibyte to write blocks until someone reads, so if
 * the code under test does not read while the child runs, the child never gets to
 * {@code wroteAll} and the call never returns. The verdict does not depend on timing: a correct
 * call returns in well under a second, a wrong one never does; the patience only bounds how long
 * the test waits before it says which.
 */
public final class FullPipe {

    /** Far longer than a correct call takes on a loaded machine, and well inside the test's timeout. */
    public static final Duration PATIENCE = Duration.ofSeconds(8);

    private static final String PID_FILE = "pipe-child.pid";
    private static final String DONE_FILE = "pipe-child.wrote-all";

    private FullPipe() {}

    /** Called by the child program before it writes: records its pid in {@code dir}. */
    public static void started(Path dir) throws IOException {
        Path partial = Files.writeString(dir.resolve(PID_FILE + ".part"),
                Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        Files.move(partial, dir.resolve(PID_FILE));
    }

    /** Called by the child program once everything it had to write is written. */
    public static void wroteAll(Path dir) throws IOException {
        Files.createFile(dir.resolve(DONE_FILE));
    }

    /**
     * Runs {@code call} on a thread of its own and returns what it returns. If it has not returned
     * after {@link #PATIENCE}, kills the child (so that the call can end) and fails, saying whether
     * the child was still blocked writing.
     *
     * @throws AssertionError if the call did not return in time
     * @throws Exception what {@code call} threw
     */
    public static <T> T call(Path dir, Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread caller = Thread.ofPlatform().name("calling-the-code-under-test").start(task);
        try {
            return task.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException stuck) {
            Optional<ProcessHandle> child = childIn(dir);
            boolean blocked = child.isPresent() && !Files.exists(dir.resolve(DONE_FILE));
            String diagnosis = blocked
                    ? "the child (pid " + child.get().pid() + ") is blocked on a full pipe: it has more to write"
                            + " than a pipe holds, and nothing read its output while it ran, so it could never end"
                    : child.isPresent() ? "the child wrote all its output, but the call still did not return"
                    : "the child never started";
            child.ifPresent(ProcessHandle::destroyForcibly); // unblocks a reader waiting for its end
            caller.interrupt();
            caller.join(PATIENCE);
            throw new AssertionError("The call did not return within " + PATIENCE.toSeconds() + " s: " + diagnosis + ".");
        }
    }

    private static Optional<ProcessHandle> childIn(Path dir) {
        try {
            Path pidFile = dir.resolve(PID_FILE);
            return Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
