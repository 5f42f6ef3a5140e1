package k14_visibility;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The kata's own bug as a stress test: a worker spins on the plain-field stop flag, and the
 * request to stop may never reach it.
 *
 * <p>A termination test: jcstress runs the spinning actor, then calls the signal method from
 * another thread, and reports {@code TERMINATED} if the actor ended, {@code STALE} if it was
 * still spinning long after. Once the JIT has compiled the loop, it reads the plain field once and
 * spins for ever. Only the compiled configurations can show it, and only if the loop was compiled
 * before the request came, so the fast mode shows it in most runs, not all: the build does not
 * require it. Each stale sample costs 30 s (jcstress's fixed wait before it calls a spin stale) and
 * the JVM it ran in. {@link Visibility_04_SpinOnSafeFlags} runs the same spin on the two safe flags,
 * where a stale spin is forbidden.
 *
 * <p>Run it: {@code ./kata stress k14_visibility}. On the 2-core machine the README names, the fast
 * mode showed, for example (one run of 2 December 2026, other builds running):
 * <pre>
 *       RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *        STALE        2   28.57%  Interesting  The worker never saw the stop: its compiled loop read the...
 *   TERMINATED        5   71.43%   Acceptable  The worker saw the stop and ended.
 * </pre>
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The worker saw the stop and ended.")
@Outcome(id = "STALE", expect = ACCEPTABLE_INTERESTING,
        desc = "The worker never saw the stop: its compiled loop read the plain field once.")
@State
public class Visibility_03_SpinOnUnsafeFlag {

    private final StopFlag flag = new UnsafeStopFlag();

    @Actor
    public void worker() {
        while (!flag.isStopRequested()) {
            // spin: nothing in the loop lends it a happens-before edge
        }
    }

    @Signal
    public void requester() {
        flag.requestStop();
    }
}
