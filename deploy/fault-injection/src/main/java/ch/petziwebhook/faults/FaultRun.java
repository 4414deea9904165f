package ch.petziwebhook.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.petziwebhook.faults.Reconciler.Reconciliation;
import ch.petziwebhook.faults.SendPlan.PlannedSend;
import ch.petziwebhook.model.WebhookSigner;

/**
 * Fault-injection run. It starts PostgreSQL, Kafka, the projector and ingest as processes
 * and sends signed webhooks at a steady rate while a schedule kills and restarts them.
 * Once everything has drained, it reconciles what ingest accepted with the raw topic, the
 * read model and the ticket topic and prints a table per fault window. It exits with 1 on
 * any missing, doubled or wrongly projected delivery, and with 2 when the run itself
 * failed.
 */
public final class FaultRun {

	private static final String SECRET = "fault-run-secret";

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(4);

	/** Length of each extra block of traffic sent while faults are still running. */
	private static final Duration EXTRA_TRAFFIC = Duration.ofSeconds(40);

	/** Threads of the HTTP client, which sends asynchronously. */
	private static final int SENDER_THREADS = 8;

	private static final String USAGE = """
			Usage: deploy/fault-injection/run [options]
			  --short              about one minute of traffic with two faults (ingest, then Kafka)
			  --rate N             webhooks sent per second on average (default 60)
			  --traffic DURATION   how long the traffic lasts, e.g. 90s or 4m (default 270s, --short 60s)
			  --schedule FAULTS    faults as <at>:<target>[+<target>...]:<down for>, comma-separated, e.g.
			                       20s:ingest:5s,60s:ingest+kafka:8s; targets: ingest, projector, kafka, postgres
			  --seed N             seed of the planned sends (default 1)
			  --state DIR          folder for data, spool and logs (default deploy/fault-injection/target/fault-run-<time>)
			  --markdown FILE      also write the result table to FILE
			  --allow-id-copies    pass even when a delivery id is in the raw topic more than once (still counted)
			  --repository DIR     repository root with the built service jars (default: the working directory)
			""";

	private FaultRun() {
	}

	/**
	 * Runs the fault-injection run and exits with its result.
	 * @param args the options of {@link #USAGE}
	 * @throws Exception if the run cannot be set up
	 */
	public static void main(String[] args) throws Exception {
		RunOptions options;
		try {
			options = RunOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("ERROR: " + ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(USAGE);
			return;
		}
		System.exit(run(options));
	}

	private static int run(RunOptions options) throws Exception {
		Path state = (options.state() != null) ? options.state()
				: options.repository()
					.resolve("deploy/fault-injection/target")
					.resolve("fault-run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
		Files.createDirectories(state);
		Stack stack = new Stack(state, options.repository(), System.getProperty("java.class.path"), SECRET);
		AtomicBoolean stopped = new AtomicBoolean();
		Thread stopOnExit = new Thread(() -> stop(stack, stopped), "fault-run-stop");
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		try {
			System.out.printf("Starting PostgreSQL, Kafka, projector and ingest; state and logs in %s%n", state);
			stack.start();
			return trafficAndReconcile(options, stack);
		}
		catch (IllegalStateException ex) {
			System.out.println("ERROR: " + ex.getMessage());
			return 2;
		}
		catch (Exception ex) {
			System.out.println("ERROR: the run failed: " + ex);
			ex.printStackTrace(System.out);
			return 2;
		}
		finally {
			stop(stack, stopped);
			removeShutdownHook(stopOnExit);
		}
	}

	private static int trafficAndReconcile(RunOptions options, Stack stack) throws Exception {
		FaultSchedule schedule = options.schedule();
		String runId = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();
		List<PlannedSend> plan = SendPlan.plan(options.rate(), schedule.traffic(), options.seed(), runId);
		System.out.printf("Sending %d webhooks over %d s; faults: %s%n", plan.size(), schedule.traffic().toSeconds(),
				describe(schedule));

		long startNanos = System.nanoTime();
		long startEpochSecond = Instant.now().getEpochSecond();
		FaultScheduler scheduler = new FaultScheduler(stack, schedule, startNanos);
		Thread faults = new Thread(scheduler, "fault-scheduler");
		faults.start();
		ExecutorService executor = Executors.newFixedThreadPool(SENDER_THREADS);
		List<SendResult> sends = new ArrayList<>();
		try {
			WebhookSender sender = new WebhookSender(stack.webhookUri(), new WebhookSigner(SECRET), executor,
					scheduler);
			sends.addAll(sender.send(plan, startNanos, startEpochSecond, 1));
			// Restarts on a busy machine can outlast the planned traffic: keep sending
			// until every fault ran.
			for (int round = 1; !scheduler.isDone(); round++) {
				List<PlannedSend> more = SendPlan.plan(options.rate(), EXTRA_TRAFFIC, options.seed() + round,
						runId + "X" + round);
				System.out.printf("%5ds  faults still running, sending %d more webhooks over %d s%n",
						elapsedSeconds(startNanos), more.size(), EXTRA_TRAFFIC.toSeconds());
				sends.addAll(sender.send(more, System.nanoTime(), Instant.now().getEpochSecond(), sends.size() + 1));
			}
			System.out.printf("%5ds  traffic done: %d sent; outcomes %s%n", elapsedSeconds(startNanos), sends.size(),
					sender.outcomes());
		}
		finally {
			executor.shutdown();
		}
		faults.join();
		if (scheduler.failure() != null) {
			System.out.println("ERROR: the fault schedule did not finish; see the logs in " + stack.logs());
			return 2;
		}
		writeSends(stack.logs().resolveSibling("sends.csv"), sends);
		return reconcile(options, stack, schedule, sends);
	}

	private static int reconcile(RunOptions options, Stack stack, FaultSchedule schedule, List<SendResult> sends)
			throws Exception {
		RunObserver observer = new RunObserver(stack.bootstrapServers(), stack.jdbcUrl(), stack.ingestHealthUri());
		boolean drained = observer.awaitDrained(DRAIN_TIMEOUT);
		if (!drained) {
			System.out.printf("WARNING: the stack did not drain within %d minutes; reconciling what is there%n",
					DRAIN_TIMEOUT.toMinutes());
		}
		List<RawRecord> raw = observer.readRaw();
		Set<String> projected = observer.readProjectedDeliveryIds();
		Map<String, TicketState> rows = observer.readRows();
		Map<String, TicketState> documents = observer.readDocuments();
		Reconciliation result = Reconciler.reconcile(FaultScheduler.windows(schedule), sends, raw, projected, rows,
				documents);

		List<WindowCounts> table = new ArrayList<>(result.windows());
		table.add(result.total());
		String markdown = FaultTable.format(table);
		System.out.println();
		System.out.print(markdown);
		if (options.markdown() != null) {
			Files.writeString(options.markdown(), markdown);
		}
		result.examples().forEach((example) -> System.out.println("  " + example));
		WindowCounts total = result.total();
		boolean failed = !drained
				|| (options.allowIdCopies() ? total.hasProblemsBesidesIdCopies() : total.hasProblems());
		System.out.println(failed
				? "FAILED: deliveries were lost, written twice or projected wrongly; logs in " + stack.logs()
				: "PASSED: every accepted delivery is in the raw topic once, and the read model and the ticket topic agree");
		return failed ? 1 : 0;
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down already, for example after Ctrl-C, and runs the
			// hook itself.
		}
	}

	/**
	 * Writes one line per send, so a problem in the table can be traced to its requests.
	 */
	private static void writeSends(Path file, List<SendResult> sends) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("id,window,body_key,ticket,signature_timestamp,status,delivery_id");
		for (SendResult send : sends) {
			lines.add(String.join(",", Long.toString(send.id()), send.window(), send.bodyKey(), send.ticket(),
					Long.toString(send.signatureTimestamp()), Integer.toString(send.status()),
					Objects.toString(send.deliveryId(), "")));
		}
		Files.write(file, lines);
	}

	private static long elapsedSeconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000_000L;
	}

	private static String describe(FaultSchedule schedule) {
		if (schedule.faults().isEmpty()) {
			return "none";
		}
		return String.join(", ",
				schedule.faults()
					.stream()
					.map((fault) -> fault.label() + " at " + fault.at().toSeconds() + " s for "
							+ fault.downFor().toSeconds() + " s")
					.toList());
	}

	private static void stop(Stack stack, AtomicBoolean stopped) {
		if (!stopped.compareAndSet(false, true)) {
			return;
		}
		System.out.println("Stopping the processes of the run");
		try {
			stack.close();
		}
		catch (Exception ex) {
			System.out.println("WARNING: failed to stop every process: " + ex);
		}
	}

}
