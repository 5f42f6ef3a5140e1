package k13_async_io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EchoServer} that serves every client from one thread: a {@link Selector} event loop,
 * the way Nginx or Python's {@code asyncio} serve many connections.
 *
 * <p>All sockets are non-blocking. The loop thread waits in {@link Selector#select()} until some
 * socket is ready, then accepts, reads or writes only what is ready, and never blocks on any one
 * client: a client that stalls costs nothing but its buffers. Each connection keeps the bytes of
 * its unfinished line and the replies the client has not taken yet. {@link #close()} wakes the
 * loop, which closes every channel and ends; {@code close} returns after the loop thread has ended.
 */
public final class SelectorEchoServer implements EchoServer {

    private static final int READ_BUFFER_BYTES = 8 * 1024;

    /** What the loop keeps for one client; touched by the loop thread only. */
    private static final class Connection {
        final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
        final Queue<ByteBuffer> replies = new ArrayDeque<>();
    }

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final Thread loop;
    private volatile boolean closing;

    private SelectorEchoServer() throws IOException {
        selector = Selector.open();
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            address = (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            selector.close(); // closes the listener too, if it was registered
            throw e;
        }
        loop = Thread.ofPlatform().name("echo-event-loop").unstarted(this::runLoop);
    }

    /**
     * Binds to an ephemeral port of {@code 127.0.0.1} and starts the one loop thread.
     *
     * @throws UncheckedIOException if the server socket cannot be opened
     */
    public static SelectorEchoServer start() {
        try {
            SelectorEchoServer server = new SelectorEchoServer();
            server.loop.start();
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

    private void runLoop() {
        try {
            while (!closing) {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    handle(key);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector itself failed: nothing left to serve with. close() still cleans up.
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void handle(SelectionKey key) {
        handlerThreads.add(Thread.currentThread());
        try {
            if (key.isAcceptable()) {
                accept();
            } else {
                if (key.isReadable()) {
                    read(key);
                }
                if (key.isValid() && key.isWritable()) {
                    write(key);
                }
            }
        } catch (IOException e) {
            // One client's failure (a reset, say) ends that client's connection, never the loop.
            closeQuietly(key);
        }
    }

    private void accept() throws IOException {
        SocketChannel client = listener.accept();
        if (client == null) {
            return; // another readiness report already took it
        }
        client.configureBlocking(false);
        client.register(selector, SelectionKey.OP_READ, new Connection());
    }

    private void read(SelectionKey key) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        readBuffer.clear();
        int n = client.read(readBuffer);
        if (n == -1) {
            closeQuietly(key); // the client closed, maybe in the middle of a line: drop that part
            return;
        }
        // Decode what arrived, then work in text.
        byte[] bytes = new String(readBuffer.array(), 0, n, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        n = bytes.length;
        int lineStart = 0;
        // Split on the byte '\n': it never occurs inside a multi-byte UTF-8 character, so a
        // character split across two reads is simply kept in the partial line until it is whole.
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                connection.partialLine.write(bytes, lineStart, i + 1 - lineStart);
                connection.replies.add(ByteBuffer.wrap(connection.partialLine.toByteArray()));
                connection.partialLine.reset();
                lineStart = i + 1;
            }
        }
        connection.partialLine.write(bytes, lineStart, n - lineStart);
        if (!connection.replies.isEmpty()) {
            write(key);
        }
    }

    private void write(SelectionKey key) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        Queue<ByteBuffer> replies = ((Connection) key.attachment()).replies;
        while (!replies.isEmpty()) {
            ByteBuffer reply = replies.peek();
            client.write(reply);
            if (reply.hasRemaining()) {
                break; // the client's socket buffer is full: wait until it is writable again
            }
            replies.remove();
        }
        // Ask for OP_WRITE only while something waits, or select() would report it at once, for ever.
        key.interestOps(replies.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private static void closeQuietly(SelectionKey key) {
        try { // closing the channel cancels its key too
            key.channel().close();
        } catch (IOException ignored) {
            // the connection is gone either way
        }
    }

    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        // Like ExecutorService.close: an interrupt does not cut the wait short, it is kept for later.
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                loop.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
