package ch.petziwebhook.benchmark.dashboard;

import java.util.List;

/**
 * A path the benchmark times.
 *
 * @param label how the result table names it
 * @param path the path and query
 * @param wholeTable whether it returns a whole table, so it runs last and fewer times
 */
record Route(String label, String path, boolean wholeTable) {

	/**
	 * Lists every page and API path of the dashboard over a load made by
	 * {@link SyntheticReadModel}: first pages, deep pages, searches that find one ticket,
	 * many tickets and none, and the charts of the big event and of a small one.
	 * @param tickets the number of tickets loaded
	 */
	static List<Route> all(int tickets) {
		int lastTicketPage = (tickets - 1) / 20;
		String middleTicket = String.format("BT%08d", tickets / 2);
		return List.of(page("/dashboard/home"), page("/dashboard/tickets"),
				new Route("/dashboard/tickets?page=1000", "/dashboard/tickets?page=1000", false),
				new Route("/dashboard/tickets?page=<last>", "/dashboard/tickets?page=" + lastTicketPage, false),
				new Route("/dashboard/tickets?q=<ticket number>", "/dashboard/tickets?q=" + middleTicket, false),
				new Route("/dashboard/tickets?q=<buyer name>", "/dashboard/tickets?q=Bonvin", false),
				new Route("/dashboard/tickets?q=<event name>", "/dashboard/tickets?q=Jazz+Night+006", false),
				new Route("/dashboard/tickets?q=<no match>", "/dashboard/tickets?q=xqzw", false),
				page("/dashboard/events"), page("/dashboard/events?page=9"),
				new Route("/dashboard/events?event=<big>", "/dashboard/events?event=1", false),
				page("/dashboard/settings"), page("/auth/settings"), page("/api/tickets"),
				new Route("/api/tickets?page=<last>", "/api/tickets?page=" + lastTicketPage, false),
				new Route("/api/tickets/<number>", "/api/tickets/" + middleTicket, false), page("/api/events"),
				new Route("/api/events/<big>/sales", "/api/events/1/sales", false),
				new Route("/api/events/<small>/sales", "/api/events/2/sales", false), page("/api/sales"),
				page("/api/sales?days=366"), page("/api/buyers"),
				new Route("/api/buyers?page=<last>", "/api/buyers?page=" + lastTicketPage, false),
				page("/api/locations"), page("/api/sessions"), page("/events"), page("/locations"),
				new Route("/chart/tickets/<big>", "/chart/tickets/60001", false), wholeTable("/buyers"),
				wholeTable("/tickets"), wholeTable("/sessions"));
	}

	private static Route page(String path) {
		return new Route(path, path, false);
	}

	private static Route wholeTable(String path) {
		return new Route(path, path, true);
	}

}
