package k01_spawn;

import java.util.Objects;

/**
 * What became of one child process once it ended: its pid, exit code, everything it wrote, and
 * whether it had to be destroyed because it outlived its timeout.
 *
 * <p>A timed-out child is a result, not an exception: the caller gets what the child printed
 * before it was stopped, and decides what that means.
 *
 * @param pid the child's process id
 * @param exitCode the child's exit code; for a timed-out child, whatever the operating system
 *        reported after it was destroyed (for example 143 or 137 on Linux, 1 on Windows)
 * @param stdout everything the child wrote to its standard output, decoded as UTF-8
 * @param stderr everything the child wrote to its standard error, decoded as UTF-8
 * @param timedOut true if the child was still running at the timeout and was destroyed
 */
public record ChildResult(long pid, int exitCode, String stdout, String stderr, boolean timedOut) {

    /** @throws NullPointerException if {@code stdout} or {@code stderr} is null */
    public ChildResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
