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
 * The first fix a learner tries, caught losing a deposit: a balance whose field is
 * {@code volatile}.
 *
 * <p>{@code volatile} makes every read see the latest write, and every write visible at once, but
 * {@code balance = balance + amount} is still a read followed by a write: both threads can read
 * 0 before either writes, and both write 1. The build requires this race to show, like the
 * unlocked balance's in {@link Lost_01_UnlockedBalance}; the locked twins in
 * {@link Lost_02_SafeBalances} may never show it.
 *
 * <p>Run it: {@code ./kata stress k07_lost_update}. On the 2-core machine the README names, the fast
 * mode showed, for example (one run of 2 December 2026, other builds running):
 * <pre>
 *   RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *        1    7,245    0.94%  Interesting  Lost update: volatile made both reads fresh, and both sti...
 *        2  766,942   99.06%   Acceptable  Both deposits landed.
 * </pre>
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "Both deposits landed.")
@Outcome(id = "1", expect = ACCEPTABLE_INTERESTING,
        desc = "Lost update: volatile made both reads fresh, and both still read 0.")
@State
public class Lost_03_VolatileBalance {

    /** The counter-example: every access volatile, the update still two steps. */
    static final class VolatileBalance implements Balance {

        private volatile long balance;

        @Override
        public void add(long amount) {
            balance = balance + amount;
        }

        @Override
        public long get() {
            return balance;
        }
    }

    private final Balance balance = new VolatileBalance();

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
