package support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;

/**
 * Names a deadlock when a test times out: before JUnit interrupts the test's thread, prints each
 * thread of every cycle that {@link ThreadMXBean#findDeadlockedThreads()} finds, the lock it
 * waits for, who holds that lock, and where in the code it waits.
 *
 * <p>Registered for every test through {@code META-INF/services}. A deadlock never ends by
 * itself, so a timeout is the moment to look for one; JUnit's own thread dump (enabled in
 * {@code junit-platform.properties}) shows every thread, this shows the cycle. Only platform
 * threads blocked on monitors or {@code java.util.concurrent} locks can be found this way.
 */
public final class DeadlockReport implements PreInterruptCallback {

    @Override
    public void beforeThreadInterrupt(PreInterruptContext preInterruptContext, ExtensionContext extensionContext) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.findDeadlockedThreads();
        if (ids == null || ids.length == 0) {
            return;
        }
        StringBuilder report = new StringBuilder("Deadlock found: these threads wait for each other and will never go on:\n");
        for (ThreadInfo info : threads.getThreadInfo(ids, true, true)) {
            if (info == null) {
                continue; // ended since: not part of a cycle after all
            }
            report.append("  \"").append(info.getThreadName()).append("\" waits for ").append(info.getLockName())
                    .append(" held by \"").append(info.getLockOwnerName()).append('"')
                    .append(where(info).map(frame -> " at " + frame).orElse("")).append('\n');
        }
        System.out.println(report);
    }

    /** The first frame outside the JDK: where the kata's code waits. */
    private static Optional<String> where(ThreadInfo info) {
        return Arrays.stream(info.getStackTrace())
                .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
                        && !f.getClassName().startsWith("sun."))
                .findFirst().map(StackTraceElement::toString);
    }
}
