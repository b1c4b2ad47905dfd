package io.kafkaarchiver.testkit;

import io.kafkaarchiver.demo.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that answers each HTTP request late, as a distant S3 would: the first bytes a
 * client sends after the server last spoke (a new request on a kept-alive connection, or the first on a new
 * one) wait {@code delay} before they go on. A {@code 100 Continue} does not count as the server speaking, so a
 * PUT with {@code Expect: 100-continue} is delayed once, not twice. The wait simulates latency; it
 * synchronises nothing. A delay of 0 passes requests on at once. The store can be taken {@link #down() down}
 * (open connections reset, new ones reset as they are accepted) and brought {@link #up() up} again, as an
 * outage would. A thread pair per connection: for a benchmark, not for traffic.
 */
public final class LatencyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean down;
    private final Thread acceptor;

    private LatencyProxy(ServerSocket server, InetSocketAddress target, Duration delay) {
        this.server = server;
        this.target = target;
        this.delayNanos = delay.toNanos();
        this.acceptor = new Thread(this::accept, "latency-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy in front of the HTTP server at {@code target} (a loopback address). */
    public static LatencyProxy start(URI target, Duration delay) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        return new LatencyProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getPort()), delay);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Requests delayed so far. */
    public long requests() {
        return requests.get();
    }

    /** Connections reset since it was taken down. */
    public long refused() {
        return refused.get();
    }

    /** From now on, new connections are reset as they are accepted; those open are reset now. */
    public void down() {
        down = true;
        sockets.forEach(this::reset);
    }

    /** Connections go through again. */
    public void up() {
        down = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (down) {
                    refused.incrementAndGet();
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(target, 10_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                if (down) {
                    // taken down while this one connected
                    refused.incrementAndGet();
                    reset(client);
                    reset(upstream);
                    continue;
                }
                AtomicBoolean serverSpoke = new AtomicBoolean(true);
                pump("up", client, upstream, serverSpoke, true);
                pump("down", upstream, client, serverSpoke, false);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("latency proxy: " + e);
                }
            }
        }
    }

    /** Copies one direction of a connection; client to server with the delay at the start of each request. */
    private void pump(String name, Socket from, Socket to, AtomicBoolean serverSpoke, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromClient && serverSpoke.getAndSet(false)) {
                        requests.incrementAndGet();
                        if (delayNanos > 0) {
                            Deadline.until(System.nanoTime() + delayNanos);
                        }
                    } else if (!fromClient && !new String(buffer, 0, Math.min(n, 13), StandardCharsets.US_ASCII).equals("HTTP/1.1 100 ")) {
                        serverSpoke.set(true);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException | InterruptedException closed) {
                // the other side went away, or the proxy closes
            } catch (Exception e) {
                System.err.println("latency proxy " + name + ": " + e);
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "latency-proxy-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Closes with a TCP reset (no FIN), as a connection the network lost looks to the client. */
    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException closedAlready) {
            // closed anyway below
        }
        closeQuietly(socket);
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(this::closeQuietly);
    }
}
