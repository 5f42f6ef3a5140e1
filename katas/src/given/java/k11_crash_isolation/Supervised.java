package k11_crash_isolation;

import java.util.Objects;

/**
 * A worker run that a supervisor brought to success.
 *
 * @param attempts how many times the worker was started, the successful start included (at least 1)
 * @param result how the successful run ended
 * @throws IllegalArgumentException if {@code attempts} is less than 1
 * @throws NullPointerException if {@code result} is null
 */
public record Supervised(int attempts, ChildResult result) {

    public Supervised {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(result, "result");
    }
}
