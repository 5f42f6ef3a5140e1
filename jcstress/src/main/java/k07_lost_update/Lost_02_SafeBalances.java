package k07_lost_update;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * The same race against the four safe balances of the kata: a lost update is forbidden.
 *
 * <p>One nested test per balance, each the twin of {@link Lost_01_UnlockedBalance} (jcstress
 * reads actors only from the test class itself, hence the repetition). jcstress cannot prove the
 * absence of a race, but a forbidden outcome in millions of tries fails the build, and the
 * unlocked twin shows in the same run that the harness does catch the race.
 */
public class Lost_02_SafeBalances {

    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both deposits landed.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: the monitor did not keep the threads apart.")
    @State
    public static class Synchronized {
        private final Balance balance = new SynchronizedBalance();

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

    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both deposits landed.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: the lock did not keep the threads apart.")
    @State
    public static class Locked {
        private final Balance balance = new LockedBalance();

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

    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both deposits landed.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: the add was not one atomic step.")
    @State
    public static class Atomic {
        private final Balance balance = new AtomicBalance();

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

    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both deposits landed.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: the adder dropped a deposit.")
    @State
    public static class Adder {
        private final Balance balance = new AdderBalance();

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
}
