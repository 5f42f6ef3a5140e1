package k11_crash_isolation;

import java.util.Objects;

/**
 * What became of one task: it returned a value, or it failed with a throwable.
 *
 * @param <T> the type of the task's value
 */
public sealed interface TaskOutcome<T> {

    /**
     * The task returned {@code value} (which may be null).
     *
     * @param value what the task returned
     */
    record Succeeded<T>(T value) implements TaskOutcome<T> {}

    /**
     * The task threw {@code cause}: exactly what the task threw, not a wrapper around it.
     *
     * @param cause what the task threw
     * @throws NullPointerException if {@code cause} is null
     */
    record Failed<T>(Throwable cause) implements TaskOutcome<T> {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
