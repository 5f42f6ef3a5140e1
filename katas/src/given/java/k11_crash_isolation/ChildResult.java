package k11_crash_isolation;

import java.util.Objects;

/**
 * How a child process ended and what it wrote.
 *
 * @param exitCode the child's exit code; 0 means success
 * @param stdout everything the child wrote to its standard output, decoded as UTF-8
 * @param stderr everything the child wrote to its standard error, decoded as UTF-8
 * @throws NullPointerException if {@code stdout} or {@code stderr} is null
 */
public record ChildResult(int exitCode, String stdout, String stderr) {

    public ChildResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** True if the child exited with code 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The last non-blank line the child wrote to standard error, stripped, or "" if none. */
    public String lastStderrLine() {
        return stderr.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((first, second) -> second).orElse("");
    }
}
