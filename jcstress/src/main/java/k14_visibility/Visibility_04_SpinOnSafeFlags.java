package k14_visibility;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The same spin on the kata's safe stop flags: a worker that never sees the stop is forbidden.
 *
 * <p>One nested test per flag, each the twin of {@link Visibility_03_SpinOnUnsafeFlag}. A
 * volatile read, or a monitor taken on each check, cannot be hoisted out of the loop, and the
 * request is guaranteed to become visible: every sample must end {@code TERMINATED}.
 *
 * <p>Run it: {@code ./kata stress k14_visibility} (your flags) or {@code ./mvnw verify} (the references).
 */
public class Visibility_04_SpinOnSafeFlags {

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The worker saw the stop and ended.")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "The worker never saw the stop: the volatile read was not re-done.")
    @State
    public static class Volatile {
        private final StopFlag flag = new VolatileStopFlag();

        @Actor
        public void worker() {
            while (!flag.isStopRequested()) {
                // spin
            }
        }

        @Signal
        public void requester() {
            flag.requestStop();
        }
    }

    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The worker saw the stop and ended.")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "The worker never saw the stop: the lock did not publish it.")
    @State
    public static class Locked {
        private final StopFlag flag = new LockedStopFlag();

        @Actor
        public void worker() {
            while (!flag.isStopRequested()) {
                // spin
            }
        }

        @Signal
        public void requester() {
            flag.requestStop();
        }
    }
}
