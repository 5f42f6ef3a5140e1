package k09_parallelism;

/**
 * Prime counting by trial division: deliberately plain, CPU-bound work with no shared state.
 *
 * <p>Every method is a pure function of its arguments, safe to call from any number of threads
 * at once. Larger numbers cost more (trial division goes up to the square root), so equal ranges
 * of numbers are not equal amounts of work.
 */
public final class Primes {

    /** How many primes there are below 1,000,000. */
    public static final int BELOW_ONE_MILLION = 78_498;

    private Primes() {}

    /** Whether {@code n} is prime; false for every number below 2. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many primes {@code p} there are with {@code from <= p < to}; 0 when {@code from >= to}.
     *
     * @throws IllegalArgumentException if {@code from} is negative
     */
    public static int countInRange(int from, int to) {
        if (from < 0) {
            throw new IllegalArgumentException("from must not be negative: " + from);
        }
        int count = 0;
        for (int n = from; n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }
}
