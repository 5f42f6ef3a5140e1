package k14_visibility;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

/**
 * The same message passing through the kata's safe stop flags: seeing the stop without the
 * result written before it is forbidden.
 *
 * <p>One nested test per flag, each the twin of {@link Visibility_01_UnsafeStopFlag} (jcstress
 * reads actors only from the test class itself, hence the repetition). The result field stays
 * plain: the flag alone must carry the happens-before edge from {@code result = 42} to the
 * worker's read. jcstress cannot prove the edge, but a forbidden outcome fails the build.
 *
 * <p>Run it: {@code ./kata stress k14_visibility} (your flags) or {@code ./mvnw verify} (the references).
 */
public class Visibility_02_SafeStopFlags {

    @JCStressTest
    @Outcome(id = "false, 0", expect = ACCEPTABLE, desc = "The worker checked before the request: nothing seen yet.")
    @Outcome(id = "false, 42", expect = ACCEPTABLE, desc = "The result is seen, the stop not yet.")
    @Outcome(id = "true, 42", expect = ACCEPTABLE, desc = "The stop and the result written before it are both seen.")
    @Outcome(id = "true, 0", expect = FORBIDDEN, desc = "Stale read: the volatile write did not publish the result.")
    @State
    public static class Volatile {
        private final StopFlag flag = new VolatileStopFlag();
        private int result;

        @Actor
        public void requester() {
            result = 42;
            flag.requestStop();
        }

        @Actor
        public void worker(ZI_Result r) {
            r.r1 = flag.isStopRequested();
            r.r2 = result;
        }
    }

    @JCStressTest
    @Outcome(id = "false, 0", expect = ACCEPTABLE, desc = "The worker checked before the request: nothing seen yet.")
    @Outcome(id = "false, 42", expect = ACCEPTABLE, desc = "The result is seen, the stop not yet.")
    @Outcome(id = "true, 42", expect = ACCEPTABLE, desc = "The stop and the result written before it are both seen.")
    @Outcome(id = "true, 0", expect = FORBIDDEN, desc = "Stale read: unlock and lock did not publish the result.")
    @State
    public static class Locked {
        private final StopFlag flag = new LockedStopFlag();
        private int result;

        @Actor
        public void requester() {
            result = 42;
            flag.requestStop();
        }

        @Actor
        public void worker(ZI_Result r) {
            r.r1 = flag.isStopRequested();
            r.r2 = result;
        }
    }
}
