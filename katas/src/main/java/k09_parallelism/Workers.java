package k09_parallelism;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs one task per index on that many new platform threads at once, and waits for them all.
 *
 * <p>All threads are started before any is joined, so they run at the same time. When
 * {@link #runAll} returns, every worker has ended and everything each one did happens-before the
 * return. The first exception a worker throws is rethrown after all have ended.
 */
final class Workers {

    private Workers() {}

    static void runAll(String name, int threads, IntConsumer work) throws InterruptedException {
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int index = i;
            started.add(Thread.ofPlatform().name(name + "-" + i).start(() -> {
                try {
                    work.accept(index);
                } catch (Throwable t) {
                    firstFailure.compareAndSet(null, t);
                }
            }));
        }
        try {
            for (Thread t : started) {
                t.join();
            }
        } catch (InterruptedException e) {
            started.forEach(Thread::interrupt);
            for (Thread t : started) {
                joinUninterruptibly(t); // never leave a worker running behind the caller's back
            }
            throw e;
        }
        switch (firstFailure.get()) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable t -> throw new IllegalStateException("a worker failed", t);
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException again) {
                // The caller is already answering an interrupt (runAll throws InterruptedException
                // next): a second one asks for nothing more, so keep waiting for the worker.
            }
        }
    }
}
