package ch.petziwebhook.dashboard.catalog;

/**
 * The buyer of one ticket. Personal data: served only to logged-in users.
 *
 * @param ticketNumber the ticket the buyer bought
 * @param role {@code customer}, {@code self_ticket}, {@code point_of_sale} or
 * {@code unknown}
 * @param firstName the first name, or {@code null}
 * @param lastName the last name, or {@code null}
 * @param email the email, or {@code null}
 * @param postcode the postcode, or {@code null}
 */
record BuyerView(String ticketNumber, String role, String firstName, String lastName, String email, String postcode) {

}
