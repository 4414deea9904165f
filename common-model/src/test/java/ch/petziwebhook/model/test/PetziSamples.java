package ch.petziwebhook.model.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The sample webhook bodies shipped in the test jar, byte for byte as Petzi would send
 * them, with the signature headers precomputed for {@link #SECRET} at {@link #SIGNED_AT}.
 */
public final class PetziSamples {

	/** Secret the precomputed headers were made with. */
	public static final String SECRET = "petzi-demo-secret";

	/** Unix seconds the precomputed headers carry (2025-01-01T12:00:00Z). */
	public static final long SIGNED_AT = 1735732800L;

	public static final String HOSTILE_STRINGS = "ticket_created_hostile_strings.json";

	public static final String MINIMAL_NULLS = "ticket_created_minimal_nulls.json";

	public static final String FESTIVAL = "ticket_created_multi_session_festival.json";

	public static final String PRICE_DECIMALS = "ticket_created_price_decimals.json";

	public static final String SIMULATOR_BYTES = "ticket_created_simulator_bytes.json";

	public static final String SINGLE_SESSION = "ticket_created_single_session.json";

	public static final String UNICODE = "ticket_created_unicode.json";

	public static final String UNKNOWN_FIELDS = "ticket_created_unknown_fields.json";

	public static final String BUYER_CORRECTED = "ticket_updated_buyer_corrected.json";

	public static final String CANCELLATION = "ticket_updated_cancellation.json";

	/** Every sample, creations first, in the order a feeder should send them. */
	public static final List<String> ALL = List.of(SINGLE_SESSION, FESTIVAL, UNICODE, PRICE_DECIMALS, MINIMAL_NULLS,
			UNKNOWN_FIELDS, SIMULATOR_BYTES, HOSTILE_STRINGS, BUYER_CORRECTED, CANCELLATION);

	private static final Map<String, String> HEADERS = Map.of(HOSTILE_STRINGS,
			"t=1735732800,v1=7311e68a4eedfb886e03d466d31dbf5d8254ab665a7aa809c36c3735c5f99701", MINIMAL_NULLS,
			"t=1735732800,v1=e7e849d32a89cdb51c7f6de5fdc5600fb3cff1c9b5b56689fefed93e387e20dc", FESTIVAL,
			"t=1735732800,v1=ba96091f45a1ef995e1fa703f5ac53e1659e3ca120367ae043da432ec920e7bc", PRICE_DECIMALS,
			"t=1735732800,v1=9431b806d60e021800df016979f7cbff2e6dbc999136e19fbe1c9b88f809a135", SIMULATOR_BYTES,
			"t=1735732800,v1=d93aa4c1e643917dd0f7dcb626b138713695420c8ee1ad299fa56c657a81a746", SINGLE_SESSION,
			"t=1735732800,v1=b4c7c3b22c755c2f73a12fe6090cf7a7fc1e5797d5082e97e54af17e0ba3f145", UNICODE,
			"t=1735732800,v1=8fc81b40a0fb52d030af6118f4f35f1292e7e99b7bff414c965d7f1985cc0dc6", UNKNOWN_FIELDS,
			"t=1735732800,v1=6aff0f564343a92d1575eab0e09f0261514aa85b15cc18cc8d2bb152160bab11", BUYER_CORRECTED,
			"t=1735732800,v1=4fd1f2898f0d582f07599696e8be5db3c9d8e6966c5a439eec43e2097b4db960", CANCELLATION,
			"t=1735732800,v1=396a6cbef49afd9a06c210a1f61f531d6f810b4f8f77434b558488939e4a0848");

	private PetziSamples() {
	}

	/**
	 * Loads a sample's exact bytes.
	 * @param name the file name, one of the constants of this class
	 * @return the bytes
	 */
	public static byte[] body(String name) {
		try (InputStream in = PetziSamples.class.getResourceAsStream("/petzi-samples/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No sample named " + name + " in /petzi-samples");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read sample " + name, ex);
		}
	}

	/**
	 * Returns the precomputed {@code Petzi-Signature} of a sample.
	 * @param name the file name, one of the constants of this class
	 * @return the header value, signed with {@link #SECRET} at {@link #SIGNED_AT}
	 */
	public static String signature(String name) {
		String header = HEADERS.get(name);
		if (header == null) {
			throw new IllegalArgumentException("No precomputed signature for " + name);
		}
		return header;
	}

}
