package k02_pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of worker threads that run submitted tasks, never more than {@link #size()} at
 * once.
 *
 * <p>The tutorial's {@code Pool(4)}: {@link #submit} is {@code apply_async}, {@link #shutdown} is
 * {@code close()}, {@link #awaitTermination} is {@code join()}, and {@link #close} is both. Tasks
 * start in submission order. A task submitted while every worker is busy waits in a queue, and
 * starts when a worker finishes the task it is running. A task that throws does not take its
 * worker down: the exception reaches the caller through the task's {@link Future}, and the worker
 * takes the next task.
 *
 * <p>Memory effects: what a thread does before it submits a task happens-before the task runs;
 * what the task does happens-before its {@code Future} returns, and before
 * {@link #awaitTermination} returns {@code true}.
 */
public final class WorkerPool implements AutoCloseable {

    private final int size;
    private final ExecutorService workers;

    /** A pool with one worker per available processor, the default of Python's {@code Pool()}. */
    public WorkerPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A pool of {@code size} workers.
     *
     * @throws IllegalArgumentException if {@code size} is zero or negative
     */
    public WorkerPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker, was " + size);
        }
        this.size = size;
        this.workers = Executors.newFixedThreadPool(size, Thread.ofPlatform().name("worker-", 1).factory());
    }

    /** The number of workers: the most tasks that ever run at once. */
    public int size() {
        return size;
    }

    /**
     * Queues {@code task} and returns at once; the task runs as soon as a worker is free.
     *
     * @return a future that gives the task's result, or an {@link ExecutionException} whose cause
     *         is what the task threw
     * @throws NullPointerException if {@code task} is null
     * @throws RejectedExecutionException if the pool has been shut down
     */
    public <T> Future<T> submit(Callable<T> task) {
        return workers.submit(Objects.requireNonNull(task, "task"));
    }

    /**
     * Runs every task in the pool, waits until all of them have ended, and returns their results
     * in the order of {@code tasks}, whatever the order in which they finished.
     *
     * @throws ExecutionException if a task threw: the first failing task in the order of
     *         {@code tasks}, once every task has ended
     * @throws InterruptedException if interrupted while waiting; unfinished tasks are cancelled
     * @throws NullPointerException if {@code tasks} or any task is null; nothing runs then
     * @throws RejectedExecutionException if the pool has been shut down
     */
    public <T> List<T> runAll(List<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        List<Callable<T>> all = List.copyOf(Objects.requireNonNull(tasks, "tasks")); // rejects null tasks
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : all) {
            futures.add(workers.submit(task));
        }
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            results.add(future.get()); // in submission order: the first failure is thrown here
        }
        return results;
    }

    /**
     * Stops accepting tasks, and returns at once. Tasks already submitted, running or queued,
     * still run. Python's {@code pool.close()}.
     */
    public void shutdown() {
        workers.shutdown();
    }

    /**
     * Waits until the pool is shut down and every submitted task has ended, for at most
     * {@code timeout}. Python's {@code pool.join()}.
     *
     * @return true if every task has ended, false if the timeout came first
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return workers.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Shuts the pool down and waits, without a time limit, until every submitted task has ended:
     * Python's {@code close()} then {@code join()}, ready for try-with-resources.
     *
     * <p>If interrupted while waiting, interrupts every running task, cancels the queued ones,
     * waits for the running ones to end, and returns with the interrupt status set.
     */
    @Override
    public void close() {
        workers.close();
    }
}
