package k02_pool;

import java.util.Objects;

/**
 * Thrown when a child JVM run by a {@link ProcessPool} ends with a non-zero exit code.
 *
 * <p>A {@code ProcessPool} hands it to the caller as the cause of an
 * {@link java.util.concurrent.ExecutionException}, the way a failing task's exception travels in
 * any {@link java.util.concurrent.Future}.
 */
public final class ChildFailedException extends Exception {

    private final transient ChildTask task;
    private final int exitCode;
    private final String stderr;

    /**
     * @param task the task whose child failed
     * @param exitCode the child's exit code, not 0
     * @param stderr everything the child wrote to its standard error
     * @throws NullPointerException if {@code task} or {@code stderr} is null
     */
    public ChildFailedException(ChildTask task, int exitCode, String stderr) {
        super("child '" + Objects.requireNonNull(task, "task") + "' exited with code " + exitCode
                + (Objects.requireNonNull(stderr, "stderr").isBlank() ? "" : ": " + stderr.strip()));
        this.task = task;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /** The task whose child failed. */
    public ChildTask task() {
        return task;
    }

    /** The child's exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** Everything the child wrote to its standard error, decoded as UTF-8. */
    public String stderr() {
        return stderr;
    }
}
