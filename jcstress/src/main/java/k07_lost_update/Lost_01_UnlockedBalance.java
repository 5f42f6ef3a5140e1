package k07_lost_update;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * The tutorial's race, caught in the act: two threads each add 1 to an unlocked balance.
 *
 * <p>Each {@code add} reads the balance, then writes the sum back. When both threads read before
 * either writes, both write 1, and one deposit is gone. jcstress runs the two actors millions of
 * times, each time on a fresh balance, and counts how often each final value appears.
 *
 * <p>Run it: {@code ./kata stress k07_lost_update} (your code) or {@code ./mvnw verify} (the
 * references). On the 2-core machine the README names, the fast mode showed, for example:
 * <pre>
 *   Observed state   Occurrences   Expectation              Interpretation
 *                1     ~12% of runs ACCEPTABLE_INTERESTING  Lost update: ...
 *                2     the rest     ACCEPTABLE              Both deposits landed.
 * </pre>
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "Both deposits landed.")
@Outcome(id = "1", expect = ACCEPTABLE_INTERESTING,
        desc = "Lost update: both threads read 0, both wrote 1, one deposit vanished.")
@State
public class Lost_01_UnlockedBalance {

    private final Balance balance = new UnsafeBalance();

    @Actor
    public void first() {
        balance.add(1);
    }

    @Actor
    public void second() {
        balance.add(1);
    }

    @Arbiter
    public void total(J_Result r) {
        r.r1 = balance.get();
    }
}
