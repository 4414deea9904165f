package ch.petziwebhook.model.test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.Function;

/**
 * Runner of property tests on plain JUnit: it generates inputs from a seeded
 * {@link RandomInputs} and checks a property on each. A failure names the seed, the try
 * and the input, and the system property {@value #SEED_PROPERTY} reruns that seed, for
 * example {@code ./mvnw ... -Dpetzi.property.seed=42}. Without it every run takes a new
 * seed, so that runs add up to more coverage. There is no shrinking: the input of the
 * failing try is shown as generated.
 */
public final class PropertyCheck {

	/** System property that fixes the seed. */
	public static final String SEED_PROPERTY = "petzi.property.seed";

	private static final int MAX_SHOWN_CHARACTERS = 400;

	private PropertyCheck() {
	}

	/**
	 * Checks a property on {@code tries} generated inputs.
	 * @param tries how many inputs to generate
	 * @param generator makes one input from the random source
	 * @param property throws on a counterexample
	 * @throws AssertionError naming the seed, the try and the input of the first failure
	 */
	public static <T> void forAll(int tries, Function<RandomInputs, T> generator, Property<T> property) {
		long seed = seed();
		RandomInputs inputs = new RandomInputs(seed);
		for (int i = 1; i <= tries; i++) {
			T input = generator.apply(inputs);
			try {
				property.check(input);
			}
			catch (Throwable ex) {
				throw new AssertionError("Property failed on try " + i + " of " + tries + " with seed " + seed
						+ " (rerun with -D" + SEED_PROPERTY + "=" + seed + ") for input " + show(input) + ": " + ex,
						ex);
			}
		}
	}

	private static long seed() {
		String fixed = System.getProperty(SEED_PROPERTY);
		return (fixed != null && !fixed.isBlank()) ? Long.parseLong(fixed.strip()) : new SecureRandom().nextLong();
	}

	/**
	 * Returns a short printable form of an input, with bytes decoded as UTF-8 and
	 * characters outside printable ASCII escaped.
	 */
	static String show(Object input) {
		String text = (input instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: String.valueOf(input);
		StringBuilder shown = new StringBuilder("\"");
		text.chars().limit(MAX_SHOWN_CHARACTERS).forEach((c) -> {
			if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
				shown.append((char) c);
			}
			else {
				shown.append(String.format("\\u%04x", c));
			}
		});
		shown.append('"');
		if (text.length() > MAX_SHOWN_CHARACTERS) {
			shown.append(" (").append(text.length()).append(" characters, cut)");
		}
		return shown.toString();
	}

	/**
	 * Property of one input, which throws when the input is a counterexample.
	 */
	@FunctionalInterface
	public interface Property<T> {

		void check(T input) throws Exception;

	}

}
