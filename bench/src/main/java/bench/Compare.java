package bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which two benchmark methods of a JMH class make the ratio that a kata teaches.
 *
 * <p>{@link BenchMain} divides the baseline's time by the candidate's (or the candidate's
 * throughput by the baseline's), so the ratio always reads "the candidate is N times better",
 * and prints it with the figure the kata's README expects.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Compare {

    /** Benchmark method measured as the reference point, for example {@code oneThread}. */
    String baseline();

    /** Benchmark method the kata recommends, for example {@code allCores}. */
    String candidate();

    /** What the ratio means, in a few words: "speedup of 2 threads over 1". */
    String meaning();

    /** The figure the kata teaches, in words: "about 2x on 2 cores". */
    String expected();
}
