package k06_threads;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Deliberately broken: call() returns a wrong answer and also leaves a thread running behind it. */
public final class NamedThreads {

    private NamedThreads() {}

    public static Thread start(String name, Runnable task) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return Thread.ofPlatform().name(name).start(task);
    }

    public static <T> T call(String name, Callable<T> task) throws InterruptedException, ExecutionException {
        FutureTask<T> future = new FutureTask<>(task);
        start(name, future);
        Thread.ofPlatform().daemon().name("forgotten-poller").start(() -> {
            while (true) {
                Thread.onSpinWait();
            }
        });
        future.get();
        return null; // the wrong answer: the test fails, and the leak must still be named
    }

    public static Thread startVirtual(String name, Runnable task) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return Thread.ofVirtual().name(name).start(task);
    }
}
