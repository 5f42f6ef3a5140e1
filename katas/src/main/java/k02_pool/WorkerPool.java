package k02_pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

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

    // TODO task 1: the fields your pool needs.

    /** A pool with one worker per available processor, the default of Python's {@code Pool()}. */
    public WorkerPool() {
        // TODO task 1: how many workers does Python's Pool() get when you give it no number?
        throw new UnsupportedOperationException("Task 1 of k02_pool: create a pool of the default size. See README.md.");
    }

    /**
     * A pool of {@code size} workers.
     *
     * @throws IllegalArgumentException if {@code size} is zero or negative
     */
    public WorkerPool(int size) {
        // TODO task 1: check size; start (or prepare) exactly size worker threads that take tasks from a queue.
        throw new UnsupportedOperationException("Task 1 of k02_pool: create a pool of K workers. See README.md.");
    }

    /** The number of workers: the most tasks that ever run at once. */
    public int size() {
        // TODO task 1
        throw new UnsupportedOperationException("Task 1 of k02_pool: report the pool's size. See README.md.");
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
        // TODO task 1: queue the task for the workers and hand back its Future at once.
        throw new UnsupportedOperationException("Task 1 of k02_pool: submit a task. See README.md.");
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
        // TODO task 3: check every task first; run them all; wait for all; collect results in list order.
        throw new UnsupportedOperationException("Task 3 of k02_pool: run all tasks and collect results in order. See README.md.");
    }

    /**
     * Stops accepting tasks, and returns at once. Tasks already submitted, running or queued,
     * still run. Python's {@code pool.close()}.
     */
    public void shutdown() {
        // TODO task 2
        throw new UnsupportedOperationException("Task 2 of k02_pool: stop accepting tasks. See README.md.");
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
        // TODO task 2: check the timeout, then wait for the workers to finish everything.
        throw new UnsupportedOperationException("Task 2 of k02_pool: wait for the pool to terminate. See README.md.");
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
        // TODO task 1: stop taking tasks, then wait for every task, without a time limit.
        throw new UnsupportedOperationException("Task 1 of k02_pool: close the pool and wait for its tasks. See README.md.");
    }
}
