package ch.petziwebhook.benchmark;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that sends prepared requests and reads each response
 * to its end. It understands only what a benchmark against ingest needs: a
 * {@code Content-Length} or chunked body and {@code Connection: close}. It costs far less
 * CPU per request than {@code java.net.http.HttpClient}, which matters because the client
 * shares the machine's cores with the processes it measures.
 */
final class KeepAliveConnection implements Closeable {

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private static final int READ_TIMEOUT_MILLIS = 30_000;

	private static final int MAX_LINE = 8192;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final byte[] line = new byte[MAX_LINE];

	private boolean closeRequested;

	KeepAliveConnection(String host, int port) throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		this.socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
		this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		this.out = this.socket.getOutputStream();
	}

	/**
	 * Sends one complete request and reads its response.
	 * @return the HTTP status code
	 * @throws IOException if the connection fails or the response is not valid HTTP/1.1
	 */
	int exchange(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		int lineLength = readLine();
		if (lineLength < 12 || this.line[0] != 'H') {
			throw new IOException("Invalid HTTP status line: " + text(lineLength));
		}
		int status = (this.line[9] - '0') * 100 + (this.line[10] - '0') * 10 + (this.line[11] - '0');
		long contentLength = -1;
		boolean chunked = false;
		while ((lineLength = readLine()) > 0) {
			String header = text(lineLength);
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				contentLength = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				this.closeRequested = true;
			}
		}
		if (chunked) {
			skipChunkedBody();
		}
		else if (contentLength > 0) {
			skipFully(contentLength);
		}
		return status;
	}

	/**
	 * Returns whether the server asked to close the connection after the last response.
	 */
	boolean closeRequested() {
		return this.closeRequested;
	}

	private void skipChunkedBody() throws IOException {
		while (true) {
			int lineLength = readLine();
			String sizeField = text(lineLength);
			int extension = sizeField.indexOf(';');
			long size = Long.parseLong((extension < 0) ? sizeField.trim() : sizeField.substring(0, extension).trim(),
					16);
			if (size == 0) {
				// Trailer fields, if any, end with an empty line.
				while (readLine() > 0) {
					// skip
				}
				return;
			}
			skipFully(size + 2);
		}
	}

	private void skipFully(long count) throws IOException {
		long left = count;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new EOFException("Connection closed inside a response body");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	/**
	 * Reads one line into {@link #line} without its CRLF.
	 * @return the line's length
	 */
	private int readLine() throws IOException {
		int length = 0;
		while (true) {
			int next = this.in.read();
			if (next < 0) {
				throw new EOFException("Connection closed inside a response head");
			}
			if (next == '\n') {
				return (length > 0 && this.line[length - 1] == '\r') ? length - 1 : length;
			}
			if (length == MAX_LINE) {
				throw new IOException("Response line longer than " + MAX_LINE + " bytes");
			}
			this.line[length++] = (byte) next;
		}
	}

	private String text(int length) {
		return new String(this.line, 0, length, StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
