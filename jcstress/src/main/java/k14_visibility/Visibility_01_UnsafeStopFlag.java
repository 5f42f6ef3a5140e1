package k14_visibility;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

/**
 * Message passing through the plain-field stop flag: the requester writes its last result, then
 * requests the stop; the worker checks the flag, then reads the result.
 *
 * <p>Nothing orders the two plain writes, nor the two plain reads, so the memory model allows the
 * worker to see the stop and still read the result from before it: "true, 0". On x86 the hardware
 * keeps stores in order and loads in order, so only the JIT reordering them can show it, and it
 * rarely does: this test is for study, and the build does not require it to show the race (the
 * kata README gives the counts measured here). On ARM or POWER it should show far more often
 * (not measured). The busy-wait that never ends is the termination test
 * {@link Visibility_03_SpinOnUnsafeFlag}; {@link StaleFlagDemo} shows it outside jcstress.
 *
 * <p>Run it: {@code ./kata stress k14_visibility}, or the jar directly:
 * {@code java --enable-native-access=ALL-UNNAMED -jar jcstress/target/jcstress.jar -t '^k14_visibility\..*'}.
 * A thorough run (jcstress defaults, about 6 minutes) on the 2-core x86 machine the README names:
 * <pre>
 *     RESULT     SAMPLES     FREQ       EXPECT  DESCRIPTION
 *   false, 0  38,863,865   42.13%   Acceptable  The worker checked before the request: nothing seen yet.
 *  false, 42      73,652    0.08%   Acceptable  The result is seen, the stop not yet: allowed, the flag c...
 *    true, 0       3,787   <0.01%  Interesting  Stale read: the worker saw the stop but not the result wr...
 *   true, 42  53,308,330   57.79%   Acceptable  The stop and the result written before it are both seen.
 * </pre>
 */
@JCStressTest
@Outcome(id = "false, 0", expect = ACCEPTABLE, desc = "The worker checked before the request: nothing seen yet.")
@Outcome(id = "false, 42", expect = ACCEPTABLE, desc = "The result is seen, the stop not yet: allowed, the flag comes later.")
@Outcome(id = "true, 42", expect = ACCEPTABLE, desc = "The stop and the result written before it are both seen.")
@Outcome(id = "true, 0", expect = ACCEPTABLE_INTERESTING,
        desc = "Stale read: the worker saw the stop but not the result written before it.")
@State
public class Visibility_01_UnsafeStopFlag {

    private final StopFlag flag = new UnsafeStopFlag();
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
