package k11_crash_isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a batch of tasks on a pool and reports each task's value or failure, so that one failing
 * task neither stops the others nor vanishes unseen.
 *
 * <p>The caller blocks until every task has ended. The pool is not shut down: it keeps running
 * whatever is submitted next. Everything a task did happens-before its outcome is returned.
 */
public final class TaskReports {

    private TaskReports() {}

    /**
     * Submits every task to {@code pool}, waits for all of them, and returns one outcome per task,
     * in the order of {@code tasks}. A task that threw (an exception or an error) is reported as
     * {@link TaskOutcome.Failed} with exactly what it threw.
     *
     * @throws InterruptedException if the caller is interrupted while waiting; the tasks not yet
     *         ended are cancelled
     * @throws NullPointerException if {@code pool}, {@code tasks} or any task is null
     */
    public static <T> List<TaskOutcome<T>> runAll(ExecutorService pool, List<? extends Callable<? extends T>> tasks)
            throws InterruptedException {
        Objects.requireNonNull(pool, "pool");
        List.copyOf(tasks); // rejects a null list or a null task before anything is submitted
        List<Future<? extends T>> futures = new ArrayList<>();
        for (Callable<? extends T> task : tasks) {
            futures.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return task.call();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e); // get() unwraps it into an ExecutionException of e
                }
            }, pool));
        }
        List<TaskOutcome<T>> outcomes = new ArrayList<>();
        try {
            for (Future<? extends T> future : futures) {
                outcomes.add(outcomeOf(future));
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return outcomes;
    }

    private static <T> TaskOutcome<T> outcomeOf(Future<? extends T> future) throws InterruptedException {
        try {
            return new TaskOutcome.Succeeded<>(future.get());
        } catch (ExecutionException e) {
            // The future wraps what the task threw; the report names the real cause.
            return new TaskOutcome.Failed<>(e.getCause());
        }
    }
}
