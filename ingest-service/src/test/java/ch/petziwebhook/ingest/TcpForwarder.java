package ch.petziwebhook.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwarder of TCP connections from a fixed loopback port to another address, so that a
 * test can make a broker appear at a bootstrap address that had nothing listening. It
 * replaces {@code EmbeddedKafkaKraftBroker.kafkaPorts}, which spring-kafka-test 4.0.6
 * stores but never applies. Kafka clients reach the forwarded port only for the
 * bootstrap: after that they connect to the broker's advertised address.
 */
public final class TcpForwarder implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private TcpForwarder(ServerSocket server, String targetHost, int targetPort) {
		this.server = server;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	/**
	 * Starts forwarding from 127.0.0.1 at a port to an address given as
	 * {@code host:port}.
	 */
	public static TcpForwarder start(int port, String target) {
		int colon = target.lastIndexOf(':');
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			TcpForwarder forwarder = new TcpForwarder(server, target.substring(0, colon),
					Integer.parseInt(target.substring(colon + 1)));
			daemon(forwarder::accept, "forwarder-accept").start();
			return forwarder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to listen on 127.0.0.1:" + port, ex);
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				daemon(() -> pipe(client, upstream), "forwarder-up").start();
				daemon(() -> pipe(upstream, client), "forwarder-down").start();
			}
			catch (IOException ex) {
				// Closed, or the target refused: the client sees a dropped connection.
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// One side closed.
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	@Override
	public void close() {
		closeQuietly(this.server);
		this.sockets.forEach(TcpForwarder::closeQuietly);
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Nothing left to do.
		}
	}

}
