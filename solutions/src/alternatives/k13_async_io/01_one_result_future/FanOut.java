package k13_async_io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks several slow {@link Service}s the same question at once (an alternative to the reference:
 * one result future that the calls complete themselves).
 */
public final class FanOut {

    private FanOut() {}

    public static CompletableFuture<List<String>> gather(List<? extends Service> services, String query,
            Executor executor, Duration deadline) {
        check(services, query, executor, deadline);
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        String[] answers = new String[services.size()];
        AtomicInteger missing = new AtomicInteger(services.size());
        if (services.isEmpty()) {
            result.complete(List.of());
        }
        for (int i = 0; i < services.size(); i++) {
            int slot = i;
            Service service = services.get(i);
            executor.execute(() -> {
                try {
                    answers[slot] = service.call(query);
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                    return;
                }
                // The decrement orders every earlier answer before the last caller reads the array.
                if (missing.decrementAndGet() == 0) {
                    result.complete(Arrays.asList(answers.clone()));
                }
            });
        }
        return result.orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    public static CompletableFuture<List<String>> gatherOrFallback(List<? extends Service> services, String query,
            Executor executor, Duration patience, String fallback) {
        check(services, query, executor, patience);
        Objects.requireNonNull(fallback, "fallback");
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (Service service : services) {
            CompletableFuture<String> call = new CompletableFuture<>();
            executor.execute(() -> {
                try {
                    call.complete(service.call(query));
                } catch (Throwable failure) {
                    call.completeExceptionally(failure);
                }
            });
            calls.add(call.completeOnTimeout(fallback, patience.toNanos(), TimeUnit.NANOSECONDS)
                    .handle((answer, failure) -> failure == null ? answer : fallback));
        }
        CompletableFuture<List<String>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (CompletableFuture<String> call : calls) {
            all = all.thenCombine(call, (list, answer) -> {
                list.add(answer);
                return list;
            });
        }
        return all.thenApply(List::copyOf);
    }

    private static void check(List<? extends Service> services, String query, Executor executor, Duration timeout) {
        Objects.requireNonNull(services, "services");
        for (Service service : services) {
            Objects.requireNonNull(service, "a service in the list");
        }
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(executor, "executor");
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
    }
}
