package k07_lost_update;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * Not one update lost but many at once: two threads each deposit 1 five times.
 *
 * <p>Intuition says each thread loses at most one deposit to the other, so the total is at least
 * 8. It is not: a thread that read early and wrote late overwrites every deposit the other made
 * meanwhile, and a thread whose loop the JIT has turned into one read and one write of
 * {@code +5} loses five at a time. Any total from 2 to 10 can appear; 0 and 1 cannot (each
 * thread's last write is one more than a value it wrote or saw written). {@code Racy} must show a
 * loss of two or more; {@code Sync}, the same loop on a {@code synchronized} balance, may show
 * no loss at all.
 *
 * <p>Run it: {@code ./kata stress k07_lost_update}. On the 2-core machine the README names, the fast
 * mode showed, for example (one run of 2 December 2026, other builds running):
 * <pre>
 *   RESULT    SAMPLES     FREQ       EXPECT  DESCRIPTION
 *       10  1,137,014   98.78%   Acceptable  All ten deposits landed.
 *        5     11,697    1.02%  Interesting  Several deposits lost at once: one thread's late write un...
 *        6        311    0.03%  Interesting  Several deposits lost at once: ...
 *        7        312    0.03%  Interesting  Several deposits lost at once: ...
 *        8        583    0.05%  Interesting  Several deposits lost at once: ...
 *        9      1,116    0.10%   Acceptable  One deposit lost, as in Lost_01.
 * </pre>
 * Losing exactly five, far more often than two to four, is the JIT's work: the compiled loop
 * reads the balance once and writes it once.
 */
public class Lost_04_ManyUpdatesLost {

    /** How many times each thread deposits 1. */
    static final int DEPOSITS = 5;

    @JCStressTest
    @Outcome(id = "10", expect = ACCEPTABLE, desc = "All ten deposits landed.")
    @Outcome(id = "9", expect = ACCEPTABLE, desc = "One deposit lost, as in Lost_01.")
    @Outcome(id = {"0", "1"}, expect = FORBIDDEN, desc = "Impossible: a thread's last write adds 1 to a deposit already made.")
    @Outcome(expect = ACCEPTABLE_INTERESTING,
            desc = "Several deposits lost at once: one thread's late write undid the other's deposits.")
    @State
    public static class Racy {
        private final Balance balance = new UnsafeBalance();

        @Actor
        public void first() {
            for (int i = 0; i < DEPOSITS; i++) {
                balance.add(1);
            }
        }

        @Actor
        public void second() {
            for (int i = 0; i < DEPOSITS; i++) {
                balance.add(1);
            }
        }

        @Arbiter
        public void total(J_Result r) {
            r.r1 = balance.get();
        }
    }

    @JCStressTest
    @Outcome(id = "10", expect = ACCEPTABLE, desc = "All ten deposits landed.")
    @Outcome(expect = FORBIDDEN, desc = "Deposits lost: the monitor did not keep the threads apart.")
    @State
    public static class Sync {
        private final Balance balance = new SynchronizedBalance();

        @Actor
        public void first() {
            for (int i = 0; i < DEPOSITS; i++) {
                balance.add(1);
            }
        }

        @Actor
        public void second() {
            for (int i = 0; i < DEPOSITS; i++) {
                balance.add(1);
            }
        }

        @Arbiter
        public void total(J_Result r) {
            r.r1 = balance.get();
        }
    }
}
