package k13_async_io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks several slow {@link Service}s the same question at once and combines their answers: Java's
 * {@code asyncio.gather}, with a timeout and a fallback.
 *
 * <p>Both methods start every call on the given executor before they return, and never block the
 * caller: the caller gets a {@link CompletableFuture} at once. Each service's answer
 * happens-before the returned future completes with it. A call still running when the future
 * completes (after a timeout, or another call's failure) is not interrupted: it goes on until its
 * service returns, on its executor thread.
 */
public final class FanOut {

    private FanOut() {}

    /**
     * Calls every service with {@code query} concurrently on {@code executor}; the future holds
     * their answers in the order of {@code services}.
     *
     * <p>The future fails as soon as any call fails, with the service's exception as the cause of
     * the {@link java.util.concurrent.ExecutionException} that {@code get} throws, without waiting
     * for the other calls. If not every service has answered within {@code deadline}, it fails with
     * a {@link TimeoutException}.
     *
     * @throws NullPointerException if any argument or any service is null
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public static CompletableFuture<List<String>> gather(List<? extends Service> services, String query,
            Executor executor, Duration deadline) {
        check(services, query, executor, deadline);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (Service service : services) {
            calls.add(CompletableFuture.supplyAsync(() -> callUnchecked(service, query), executor)
                    .orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS)); // every call started now, so one deadline for all
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
        // allOf waits for every call even after one failed: fail the whole at the first failure.
        calls.forEach(call -> call.whenComplete((answer, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
            }
        }));
        return all.thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Like {@link #gather}, but never fails: a service that fails, or has not answered within
     * {@code patience}, contributes {@code fallback} instead of its answer. The future completes
     * at most about {@code patience} after the call, however the services behave.
     *
     * @throws NullPointerException if any argument or any service is null
     * @throws IllegalArgumentException if {@code patience} is zero or negative
     */
    public static CompletableFuture<List<String>> gatherOrFallback(List<? extends Service> services, String query,
            Executor executor, Duration patience, String fallback) {
        check(services, query, executor, patience);
        Objects.requireNonNull(fallback, "fallback");
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (Service service : services) {
            calls.add(CompletableFuture.supplyAsync(() -> callUnchecked(service, query), executor)
                    .completeOnTimeout(fallback, patience.toNanos(), TimeUnit.NANOSECONDS)
                    .handle((answer, failure) -> failure == null ? answer : fallback));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
    }

    private static String callUnchecked(Service service, String query) {
        try {
            return service.call(query);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // CompletionException is unwrapped by get(): the caller sees the service's own exception.
            throw new CompletionException(e);
        }
    }

    private static void check(List<? extends Service> services, String query, Executor executor, Duration timeout) {
        Objects.requireNonNull(services, "services");
        services.forEach(s -> Objects.requireNonNull(s, "a service in the list"));
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
    }
}
