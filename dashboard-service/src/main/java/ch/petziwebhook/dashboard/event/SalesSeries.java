package ch.petziwebhook.dashboard.event;

import java.util.List;

/**
 * Ticket sales of an event per day, in the shape ApexCharts takes.
 *
 * @param categories the days, {@code yyyy-MM-dd} in Europe/Zurich, every day from the
 * first sale to the last, days without sales included
 * @param sales the valid tickets sold on each day
 * @param cumulative the valid tickets sold up to and including each day
 */
public record SalesSeries(List<String> categories, List<Long> sales, List<Long> cumulative) {

}
