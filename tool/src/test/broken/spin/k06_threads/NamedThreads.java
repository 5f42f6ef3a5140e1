package k06_threads;

import java.util.concurrent.Callable;

/** Deliberately broken: call() spins for ever on the caller's thread, ignoring interrupts. */
public final class NamedThreads {

    private NamedThreads() {}

    public static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().name(name).start(task);
    }

    public static <T> T call(String name, Callable<T> task) {
        long spins = 0;
        while (spins >= 0) {
            spins++;
        }
        throw new AssertionError("unreachable");
    }

    public static Thread startVirtual(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }
}
