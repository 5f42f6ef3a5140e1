package support;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;

/**
 * Names every deadlock cycle when a test times out, before JUnit interrupts it.
 *
 * <p>Registered for every test through {@code META-INF/services}. JUnit's own thread dump (enabled
 * in {@code junit-platform.properties}) shows every stack; this adds the one line a learner needs:
 * which thread holds which lock while waiting for which, around the cycle.
 */
public final class DeadlockReport implements PreInterruptCallback {

    @Override
    public void beforeThreadInterrupt(PreInterruptContext context, ExtensionContext extension) {
        List<String> cycle = describeDeadlocks();
        if (!cycle.isEmpty()) {
            System.out.println("DEADLOCK found by ThreadMXBean.findDeadlockedThreads when "
                    + extension.getDisplayName() + " timed out:");
            cycle.forEach(line -> System.out.println("  " + line));
        }
    }

    /** One line per deadlocked thread: who it is, what it waits for, and who holds that. */
    public static List<String> describeDeadlocks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.findDeadlockedThreads();
        List<String> lines = new ArrayList<>();
        if (ids == null) {
            return lines;
        }
        for (ThreadInfo info : threads.getThreadInfo(ids, true, true)) {
            if (info == null) {
                continue;
            }
            LockInfo waitingFor = info.getLockInfo();
            lines.add(String.format("thread '%s' waits for %s held by thread '%s'", info.getThreadName(),
                    waitingFor == null ? "?" : waitingFor.toString(), info.getLockOwnerName()));
        }
        return lines;
    }
}
