package io.github.requesttracking.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on a loopback port that forwards to a real server and can inject faults, so
 * that tests can cut or stall the path to the shared RabbitMQ or PostgreSQL without
 * stopping them.
 * <ul>
 * <li>{@link #cut()}: closes every open connection and refuses new ones (accepted, then
 * closed at once) until {@link #restore()}.</li>
 * <li>{@link #stall()}: keeps connections open but stops forwarding bytes in both
 * directions, like a hung peer, until {@link #restore()}.</li>
 * </ul>
 */
public final class FaultyProxy implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FaultyProxy.class);

	private static final AtomicInteger counter = new AtomicInteger();

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket serverSocket;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Object stallMonitor = new Object();

	private volatile Mode mode = Mode.PASS;

	private volatile boolean closed;

	private FaultyProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.serverSocket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::acceptLoop, "faulty-proxy-" + counter.incrementAndGet());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Start a proxy to the given server.
	 * @param targetHost the real server's host
	 * @param targetPort the real server's port
	 * @return the running proxy
	 */
	public static FaultyProxy start(String targetHost, int targetPort) {
		try {
			return new FaultyProxy(targetHost, targetPort);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not open a loopback port for the proxy", ex);
		}
	}

	/**
	 * Return the host clients should connect to.
	 * @return the loopback address
	 */
	public String host() {
		return this.serverSocket.getInetAddress().getHostAddress();
	}

	/**
	 * Return the port clients should connect to.
	 * @return the proxy port
	 */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Close every connection and refuse new ones until {@link #restore()}.
	 */
	public void cut() {
		this.mode = Mode.CUT;
		closeAll();
	}

	/**
	 * Stop forwarding bytes on every connection, old and new, until {@link #restore()}.
	 */
	public void stall() {
		this.mode = Mode.STALL;
	}

	/**
	 * Forward normally again.
	 */
	public void restore() {
		synchronized (this.stallMonitor) {
			this.mode = Mode.PASS;
			this.stallMonitor.notifyAll();
		}
	}

	private void acceptLoop() {
		while (!this.closed) {
			try {
				Socket client = this.serverSocket.accept();
				if (this.mode == Mode.CUT) {
					client.close();
					continue;
				}
				connect(client);
			}
			catch (IOException ex) {
				if (!this.closed) {
					logger.debug("Proxy accept failed", ex);
				}
			}
		}
	}

	private void connect(Socket client) throws IOException {
		Socket server = new Socket();
		try {
			server.connect(new InetSocketAddress(this.targetHost, this.targetPort), 3000);
		}
		catch (IOException ex) {
			client.close();
			server.close();
			return;
		}
		client.setTcpNoDelay(true);
		server.setTcpNoDelay(true);
		this.sockets.add(client);
		this.sockets.add(server);
		pump(client, server, "up");
		pump(server, client, "down");
	}

	private void pump(Socket from, Socket to, String direction) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					awaitNotStalled();
					if (this.mode == Mode.CUT) {
						break;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (SocketException ex) {
				// A socket closed by cut() or by either peer ends this direction; that is
				// expected.
			}
			catch (IOException | InterruptedException ex) {
				logger.debug("Proxy {} pump ended", direction, ex);
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "faulty-proxy-pump-" + direction);
		thread.setDaemon(true);
		thread.start();
	}

	private void awaitNotStalled() throws InterruptedException {
		synchronized (this.stallMonitor) {
			while (this.mode == Mode.STALL && !this.closed) {
				this.stallMonitor.wait(100);
			}
		}
	}

	private void closeAll() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	private void closeQuietly(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing a socket that is already broken has nothing left to report.
		}
	}

	@Override
	public void close() {
		this.closed = true;
		restore();
		closeAll();
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// The listening socket is being discarded; a failure to close it changes
			// nothing.
		}
	}

	private enum Mode {

		PASS, CUT, STALL

	}

}
