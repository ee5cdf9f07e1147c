package io.github.requesttracking.starter.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends hand-written request bytes, for requests an HTTP client refuses to produce.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send a request and return the status line.
	 * @param port the server port
	 * @param request the request bytes, including the blank line
	 * @return the first line of the response
	 */
	public static String send(int port, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int read;
			while ((read = in.read()) != -1 && read != '\n') {
				line.write(read);
			}
			return line.toString(StandardCharsets.ISO_8859_1).trim();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Raw request failed", ex);
		}
	}

}
