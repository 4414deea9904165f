package ch.petziwebhook.projector;

import java.nio.charset.StandardCharsets;

import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.test.PetziSamples;

/**
 * Sample bodies for tests that need a ticket of their own: the sample with its ticket
 * number replaced, and bodies that are not valid tickets.
 */
public final class Samples {

	private static final PetziPayloadReader READER = new PetziPayloadReader();

	private Samples() {
	}

	/**
	 * Returns a sample whose ticket number is replaced by another.
	 */
	public static byte[] withTicketNumber(String sample, String number) {
		String body = new String(PetziSamples.body(sample), StandardCharsets.UTF_8);
		String original = READER.ticketNumber(PetziSamples.body(sample)).orElseThrow();
		return body.replace("\"" + original + "\"", "\"" + number + "\"").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns a sample with one JSON text replaced, for example a field value.
	 */
	public static byte[] replacing(byte[] body, String target, String replacement) {
		String text = new String(body, StandardCharsets.UTF_8);
		if (!text.contains(target)) {
			throw new IllegalArgumentException("Body does not contain " + target);
		}
		return text.replace(target, replacement).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns a ticket number unique within the test run.
	 */
	public static String uniqueNumber(String prefix) {
		return prefix + Long.toHexString(System.nanoTime()).toUpperCase();
	}

}
