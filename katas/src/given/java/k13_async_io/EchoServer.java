package k13_async_io;

import java.net.InetSocketAddress;
import java.util.Set;

/**
 * A TCP server on the loopback interface that sends every line a client writes straight back to it.
 *
 * <p>The protocol: a client writes lines of UTF-8 text, each ending with {@code '\n'}; for each
 * complete line the server writes the same line, with its {@code '\n'}, back to that client and to
 * no other, in order. A line may arrive in pieces, split anywhere, even inside a character. A client
 * that stalls or vanishes never delays the others.
 *
 * <p>A server starts serving as soon as it is created, on an ephemeral port of {@code 127.0.0.1}
 * ({@link #address()}). {@link #close()} stops accepting, closes every connection and returns only
 * after every thread the server started has ended.
 */
public interface EchoServer extends AutoCloseable {

    /** The address clients connect to: {@code 127.0.0.1} and the port the system chose. */
    InetSocketAddress address();

    /**
     * Every thread that has run this server's connection handling so far (reading, echoing,
     * closing a client's connection), each counted once; a snapshot, safe to call from any thread.
     */
    Set<Thread> handlerThreads();

    /**
     * Stops accepting, closes every connection, and waits until every thread the server started
     * has ended. Calling it again does nothing.
     *
     * <p>As with {@link java.util.concurrent.ExecutorService#close()}, an interrupt does not cut
     * the wait short: if the calling thread is interrupted, {@code close} still waits for the end,
     * then returns with the thread's interrupt status set.
     */
    @Override
    void close();
}
