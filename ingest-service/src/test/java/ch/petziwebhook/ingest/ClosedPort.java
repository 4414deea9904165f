package ch.petziwebhook.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Source of a loopback port that nothing listens on, for tests of a dead broker or
 * database.
 */
public final class ClosedPort {

	private ClosedPort() {
	}

	/**
	 * Returns a port on 127.0.0.1 that was free a moment ago and is closed now.
	 */
	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to find a free loopback port", ex);
		}
	}

}
