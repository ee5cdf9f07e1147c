package io.github.requesttracking.starter.delivery;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback proxy to the broker that can tell the client its connection is blocked or
 * unblocked, as the broker does under a memory or disk alarm, without raising a real
 * alarm on the shared broker. It forwards the broker's frames whole and slips a
 * {@code connection.blocked} or {@code connection.unblocked} frame in between them.
 */
final class BlockingProxy implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final String targetHost;

	private final int targetPort;

	private final List<Downstream> downstreams = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	BlockingProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "blocking-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	void block() {
		byte[] reason = "low on memory (simulated)".getBytes(StandardCharsets.US_ASCII);
		ByteBuffer payload = ByteBuffer.allocate(5 + reason.length).putShort((short) 10).putShort((short) 60);
		payload.put((byte) reason.length).put(reason);
		inject(payload.array());
	}

	void unblock() {
		inject(ByteBuffer.allocate(4).putShort((short) 10).putShort((short) 61).array());
	}

	private void inject(byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(8 + payload.length).put((byte) 1).putShort((short) 0);
		frame.putInt(payload.length).put(payload).put((byte) 0xCE);
		for (Downstream downstream : this.downstreams) {
			downstream.write(frame.array());
		}
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket client = this.serverSocket.accept();
				Socket server = new Socket(this.targetHost, this.targetPort);
				this.sockets.add(client);
				this.sockets.add(server);
				start(() -> copy(client, server));
				Downstream downstream = new Downstream(server, client);
				this.downstreams.add(downstream);
				start(downstream::forwardFrames);
			}
			catch (IOException ex) {
				// The listening socket was closed, or the broker refused; either way this
				// connection attempt is over.
			}
		}
	}

	private static void start(Runnable pump) {
		Thread thread = new Thread(pump, "blocking-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void copy(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// A closed socket ends this direction.
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private static final class Downstream {

		private final Socket server;

		private final OutputStream out;

		private Downstream(Socket server, Socket client) throws IOException {
			this.server = server;
			this.out = client.getOutputStream();
		}

		private void forwardFrames() {
			try (DataInputStream in = new DataInputStream(this.server.getInputStream())) {
				byte[] header = new byte[7];
				while (true) {
					in.readFully(header);
					int size = ByteBuffer.wrap(header, 3, 4).getInt();
					byte[] rest = new byte[size + 1];
					in.readFully(rest);
					synchronized (this) {
						this.out.write(header);
						this.out.write(rest);
						this.out.flush();
					}
				}
			}
			catch (IOException ex) {
				// A closed socket ends this direction.
			}
		}

		private synchronized void write(byte[] frame) {
			try {
				this.out.write(frame);
				this.out.flush();
			}
			catch (IOException ex) {
				// The client has gone; there is no one left to block.
			}
		}

	}

}
