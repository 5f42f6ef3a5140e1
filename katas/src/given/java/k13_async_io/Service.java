package k13_async_io;

/**
 * A slow service that answers a query, such as a price lookup or a weather report behind a network call.
 *
 * <p>{@link #call} blocks the calling thread until the answer is there, as a blocking network call
 * does; it may take any time, fail, or never return. It is safe to call from several threads at
 * once. Everything the service did before returning happens-before its caller sees the answer.
 */
@FunctionalInterface
public interface Service {

    /**
     * Answers {@code query}, blocking the calling thread for as long as that takes.
     *
     * @throws Exception whatever the service fails with (an {@link java.io.IOException}, say)
     */
    String call(String query) throws Exception;
}
