package k11_crash_isolation.programs;

import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/**
 * Child program: says it started, then waits for ever (until it is killed or its parent ends).
 *
 * <p>It hangs in its shutdown too, as a stuck program may: a polite {@code Process.destroy()}
 * (SIGTERM) starts the JVM's shutdown, which then waits in a hook, so the process stays alive;
 * only {@code destroyForcibly()} ends it. Its parent ending still halts it at once.
 */
public final class Hang {

    public static void main(String[] args) throws InterruptedException {
        ChildProgram.dieWithParent();
        CountDownLatch never = new CountDownLatch(1); // nobody counts down
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("started");
        never.await();
    }
}
