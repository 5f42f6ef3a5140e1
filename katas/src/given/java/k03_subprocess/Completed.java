package k03_subprocess;

import java.util.Objects;

/**
 * What a finished child process left behind: its exit code and everything it wrote, decoded.
 *
 * <p>Python's {@code Popen.communicate()} returns the pair {@code (stdout, stderr)} and keeps the
 * exit code on the {@code Popen}; here the three travel together.
 *
 * @param exitCode the child's exit code (0 means success by convention)
 * @param stdout everything the child wrote to its standard output
 * @param stderr everything the child wrote to its standard error
 */
public record Completed(int exitCode, String stdout, String stderr) {

    /** @throws NullPointerException if {@code stdout} or {@code stderr} is null */
    public Completed {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
