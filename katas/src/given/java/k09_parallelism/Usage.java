package k09_parallelism;

import java.time.Duration;
import java.util.Objects;

/**
 * How much processor time some threads used, and over how much wall-clock time.
 *
 * <p>{@link #cores()} is the ratio of the two: how many cores were busy on average. One thread
 * can never exceed 1.0; {@code n} threads on {@code n} free cores come close to {@code n}.
 *
 * @param wall the elapsed time, from before the first thread started to after the last one ended
 * @param cpu the processor time of all the threads, added up
 * @param threads how many threads did the work
 */
public record Usage(Duration wall, Duration cpu, int threads) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if {@code wall} or {@code cpu} is null
     * @throws IllegalArgumentException if {@code wall} is not positive, {@code cpu} is negative or
     *     {@code threads} is below 1
     */
    public Usage {
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(cpu, "cpu");
        if (wall.isZero() || wall.isNegative()) {
            throw new IllegalArgumentException("wall time must be positive: " + wall);
        }
        if (cpu.isNegative()) {
            throw new IllegalArgumentException("cpu time must not be negative: " + cpu);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread: " + threads);
        }
    }

    /** The average number of busy cores: processor time divided by wall time. */
    public double cores() {
        return (double) cpu.toNanos() / wall.toNanos();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d threads used %.2f cores (%d ms of CPU in %d ms)",
                threads, cores(), cpu.toMillis(), wall.toMillis());
    }
}
