package k09_parallelism;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How busy the rest of the machine was during a window, as the operating system reports it.
 *
 * <p>{@code getCpuLoad} and {@code getProcessCpuLoad} report the share of all processors used
 * since their previous call, by the whole machine and by this JVM; the difference is what other
 * processes used. Only the {@code com.sun.management} flavour of the bean has them; elsewhere the
 * load is unknown and reported as infinitely busy, so a test that depends on it skips.
 */
final class MachineLoad {

    private final com.sun.management.OperatingSystemMXBean os;

    private MachineLoad(com.sun.management.OperatingSystemMXBean os) {
        this.os = os;
    }

    /** Starts a window: the next readings cover the time from now. */
    static MachineLoad startWindow() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
            os.getCpuLoad();
            os.getProcessCpuLoad();
            return new MachineLoad(os);
        }
        return new MachineLoad(null);
    }

    /** Cores used by processes other than this JVM since the window started; infinity if unknown. */
    double otherProcessesCores() {
        if (os == null) {
            return Double.POSITIVE_INFINITY;
        }
        double machine = os.getCpuLoad();
        double self = os.getProcessCpuLoad();
        if (machine < 0 || self < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, machine - self) * Runtime.getRuntime().availableProcessors();
    }
}
