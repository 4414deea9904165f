package ch.petziwebhook.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Price of a ticket. Petzi sends the amount as a string with two decimals, read here as a
 * {@link BigDecimal} so that no rounding happens.
 *
 * @param amount the amount, for example {@code 52.50}
 * @param currency the ISO 4217 currency code, for example {@code CHF}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Price(BigDecimal amount, String currency) {

}
