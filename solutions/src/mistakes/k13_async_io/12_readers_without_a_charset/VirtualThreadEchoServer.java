package k13_async_io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EchoServer} with one virtual thread per connection: plain blocking code, one client
 * at a time per thread, and the JDK parks a thread that waits for its socket instead of holding
 * an OS thread.
 *
 * <p>An acceptor virtual thread accepts connections and starts a handler virtual thread for each.
 * A client that stalls blocks only its own handler. {@link #close()} closes the server socket
 * (which ends the acceptor), then every client socket (which ends each handler's blocked read),
 * and returns after joining the acceptor and every handler.
 */
public final class VirtualThreadEchoServer implements EchoServer {

    private final ServerSocket listener;
    private final InetSocketAddress address;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
    private final List<Thread> handlers = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private VirtualThreadEchoServer() throws IOException {
        listener = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        address = (InetSocketAddress) listener.getLocalSocketAddress();
        acceptor = Thread.ofVirtual().name("echo-acceptor").unstarted(this::acceptLoop);
    }

    /**
     * Binds to an ephemeral port of {@code 127.0.0.1} and starts accepting on a virtual thread.
     *
     * @throws UncheckedIOException if the server socket cannot be opened
     */
    public static VirtualThreadEchoServer start() {
        try {
            VirtualThreadEchoServer server = new VirtualThreadEchoServer();
            server.acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the echo server", e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Set<Thread> handlerThreads() {
        return Set.copyOf(handlerThreads);
    }

    private void acceptLoop() {
        Thread.Builder connectionThreads = Thread.ofVirtual().name("echo-connection-", 0);
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // close() closed the listener (or it failed): accept no more
            }
            connections.add(client);
            handlers.add(connectionThreads.start(() -> serve(client)));
        }
    }

    private void serve(Socket client) {
        handlerThreads.add(Thread.currentThread());
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream()));
                Writer out = new BufferedWriter(new OutputStreamWriter(client.getOutputStream()))) {
            String line;
            // readLine blocks this virtual thread only; an unfinished line stays in the reader.
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            // The client reset the connection, or close() closed it: this connection is over.
        } finally {
            connections.remove(client);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closed either way
        }
        // Like ExecutorService.close: an interrupt does not cut the wait short, it is kept for later.
        boolean interrupted = joinUninterruptibly(acceptor);
        // After the acceptor has ended no connection can be added, so closing them all is complete.
        for (Socket client : connections) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }
        for (Thread handler : handlers) {
            interrupted |= joinUninterruptibly(handler);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins {@code thread} even if interrupted meanwhile; says whether an interrupt was swallowed. */
    private static boolean joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
