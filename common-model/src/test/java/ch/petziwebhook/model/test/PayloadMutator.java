package ch.petziwebhook.model.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writer of altered copies of a sample payload: any member or array element, addressed by
 * its JSON Pointer ({@code /details/ticket/price/amount}), can be replaced by raw JSON
 * text, removed, or repeated under the same key. Raw text is written as given, so it may
 * hold what a JSON tree cannot: duplicate keys, numbers beyond every Java type, or
 * nesting deeper than any parser accepts.
 */
public final class PayloadMutator {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonNode sample;

	private final List<String> pointers = new ArrayList<>();

	public PayloadMutator(byte[] sample) {
		this.sample = MAPPER.readTree(sample);
		collectPointers(this.sample, "");
	}

	/**
	 * Returns the JSON Pointers of every member and array element of the sample, the root
	 * excluded, parents before their children.
	 */
	public List<String> pointers() {
		return List.copyOf(this.pointers);
	}

	/**
	 * Writes the sample with the given changes.
	 * @param mutations the change of each member or element, by JSON Pointer
	 * @return the altered JSON text
	 */
	public String write(Map<String, Mutation> mutations) {
		StringBuilder json = new StringBuilder();
		write(this.sample, "", mutations, json);
		return json.toString();
	}

	private void collectPointers(JsonNode node, String pointer) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				String child = pointer + "/" + member.getKey();
				this.pointers.add(child);
				collectPointers(member.getValue(), child);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				String child = pointer + "/" + i;
				this.pointers.add(child);
				collectPointers(node.get(i), child);
			}
		}
	}

	private static void write(JsonNode node, String pointer, Map<String, Mutation> mutations, StringBuilder json) {
		if (node.isObject()) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				String child = pointer + "/" + member.getKey();
				Mutation mutation = mutations.get(child);
				if (mutation != null && mutation.remove()) {
					continue;
				}
				json.append(first ? "" : ",").append(quoted(member.getKey())).append(':');
				first = false;
				writeValue(member.getValue(), child, mutations, json);
				if (mutation != null && mutation.duplicate() != null) {
					json.append(',').append(quoted(member.getKey())).append(':').append(mutation.duplicate());
				}
			}
			json.append('}');
		}
		else if (node.isArray()) {
			json.append('[');
			boolean first = true;
			for (int i = 0; i < node.size(); i++) {
				String child = pointer + "/" + i;
				Mutation mutation = mutations.get(child);
				if (mutation != null && mutation.remove()) {
					continue;
				}
				json.append(first ? "" : ",");
				first = false;
				writeValue(node.get(i), child, mutations, json);
				if (mutation != null && mutation.duplicate() != null) {
					json.append(',').append(mutation.duplicate());
				}
			}
			json.append(']');
		}
		else {
			json.append(node);
		}
	}

	private static void writeValue(JsonNode node, String pointer, Map<String, Mutation> mutations, StringBuilder json) {
		Mutation mutation = mutations.get(pointer);
		if (mutation != null && mutation.replacement() != null) {
			json.append(mutation.replacement());
		}
		else {
			write(node, pointer, mutations, json);
		}
	}

	private static String quoted(String key) {
		return MAPPER.writeValueAsString(key);
	}

	/**
	 * Change of one member or element: a replacement, a removal, or a second copy.
	 *
	 * @param replacement raw JSON text written in place of the value, or {@code null}
	 * @param remove whether the member or element is left out
	 * @param duplicate raw JSON text of a second member with the same key after the
	 * first, or of a second element, or {@code null}
	 */
	public record Mutation(String replacement, boolean remove, String duplicate) {

		public static Mutation replacedBy(String json) {
			return new Mutation(json, false, null);
		}

		public static Mutation removed() {
			return new Mutation(null, true, null);
		}

		public static Mutation repeatedAs(String json) {
			return new Mutation(null, false, json);
		}

	}

}
