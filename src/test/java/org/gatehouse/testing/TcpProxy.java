package org.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy whose link can be cut, as a database outage looks to a server: {@link #cut()}
 * closes every open connection and stops listening, so new connections are refused; {@link #restore()}
 * listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    private TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /** Listens on 127.0.0.1:{@code port} and forwards to 127.0.0.1:{@code targetPort}. */
    public static TcpProxy start(int port, int targetPort) {
        var proxy = new TcpProxy(port, targetPort);
        proxy.restore();
        return proxy;
    }

    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        var accepting = listener;
        daemon("proxy-accept-" + port, () -> accept(accepting));
    }

    public synchronized void cut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            Socket client;
            try {
                client = accepting.accept();
            } catch (IOException closed) {
                return;
            }
            var server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            synchronized (this) {
                if (listener != accepting) { // cut while this one was being accepted
                    closeQuietly(client);
                    closeQuietly(server);
                    return;
                }
                open.add(client);
                open.add(server);
            }
            daemon("proxy-up-" + port, () -> pump(client, server));
            daemon("proxy-down-" + port, () -> pump(server, client));
        }
    }

    /** Copies one direction until either side closes, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // a side closed, or the link was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        var thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
