package k11_crash_isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a batch of tasks on a pool and reports each task's value or failure (an alternative to
 * the reference, with invokeAll).
 */
public final class TaskReports {

    private TaskReports() {}

    public static <T> List<TaskOutcome<T>> runAll(ExecutorService pool, List<? extends Callable<? extends T>> tasks)
            throws InterruptedException {
        Objects.requireNonNull(pool, "pool");
        List<Callable<T>> batch = new ArrayList<>();
        for (Callable<? extends T> task : tasks) {
            Objects.requireNonNull(task, "task");
            batch.add(task::call);
        }
        List<TaskOutcome<T>> outcomes = new ArrayList<>();
        for (Future<T> future : pool.invokeAll(batch)) {
            outcomes.add(switch (future.state()) {
                case SUCCESS -> new TaskOutcome.Succeeded<>(future.resultNow());
                case FAILED -> new TaskOutcome.Failed<>(future.exceptionNow());
                default -> throw new IllegalStateException("invokeAll returned a future that is " + future.state());
            });
        }
        return outcomes;
    }
}
