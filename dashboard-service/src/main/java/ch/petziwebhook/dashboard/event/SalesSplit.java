package ch.petziwebhook.dashboard.event;

import java.math.BigDecimal;

/**
 * The valid tickets of an event that share a category or a ticket type.
 *
 * @param label the category or ticket type, or {@code null} when the tickets have none
 * @param tickets the number of valid tickets
 * @param revenue the sum of their prices
 */
public record SalesSplit(String label, long tickets, BigDecimal revenue) {

}
