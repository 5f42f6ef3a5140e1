package k06_threads;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/** Deliberately broken: call() deadlocks two worker threads in a lock-order cycle and waits for ever. */
public final class NamedThreads {

    private NamedThreads() {}

    public static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().name(name).start(task);
    }

    public static <T> T call(String name, Callable<T> task) throws InterruptedException, ExecutionException {
        Object left = new Object();
        Object right = new Object();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = Thread.ofPlatform().daemon().name(name + "-left-then-right").start(() -> {
            synchronized (left) {
                bothHoldOne.countDown();
                awaitQuietly(bothHoldOne);
                synchronized (right) {
                    bothHoldOne.countDown();
                }
            }
        });
        Thread b = Thread.ofPlatform().daemon().name(name + "-right-then-left").start(() -> {
            synchronized (right) {
                bothHoldOne.countDown();
                awaitQuietly(bothHoldOne);
                synchronized (left) {
                    bothHoldOne.countDown();
                }
            }
        });
        a.join();
        b.join();
        throw new AssertionError("unreachable: the two threads deadlock");
    }

    public static Thread startVirtual(String name, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
