package ch.petziwebhook.model;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Deserializer of JSON strings that rejects a string with an unpaired surrogate. A JSON
 * escape may name half of a surrogate pair alone, such as code unit D800, but UTF-8
 * cannot encode it: the PostgreSQL driver and Kafka's serializer write {@code ?} in its
 * place, and strict JSON parsers reject the escape when it is written out again.
 */
final class EncodableStringDeserializer extends StringDeserializer {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String text = super.deserialize(parser, context);
		if (text != null && hasUnpairedSurrogate(text)) {
			// Names the field as other messages do: details.buyer.lastName, not a
			// pointer.
			String field = parser.streamReadContext().pathAsPointer().toString().substring(1).replace('/', '.');
			return context.reportInputMismatch(this, "%s contains an unpaired surrogate, which UTF-8 cannot encode",
					field);
		}
		return text;
	}

	private static boolean hasUnpairedSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

}
