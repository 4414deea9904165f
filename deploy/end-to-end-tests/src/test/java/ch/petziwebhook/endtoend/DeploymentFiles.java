package ch.petziwebhook.endtoend;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reader of the repository's deployment files (compose file, Kubernetes manifests, alert
 * rules and Grafana dashboard) for the tests that check them.
 */
final class DeploymentFiles {

	/** Repository root, seen from this module's folder, which Maven runs the tests in. */
	static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

	private static final Pattern SELECTOR = Pattern.compile("\\{[^}]*\\}");

	private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern NAME = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

	private DeploymentFiles() {
	}

	/**
	 * Loads one YAML document.
	 * @param relativePath the path from the repository root
	 * @return the document as maps and lists
	 */
	static Map<String, Object> yaml(String relativePath) {
		List<Map<String, Object>> documents = yamlDocuments(relativePath);
		return documents.get(0);
	}

	/**
	 * Loads every document of a YAML file, skipping empty ones.
	 * @param relativePath the path from the repository root
	 * @return the documents as maps and lists
	 */
	@SuppressWarnings("unchecked") // SnakeYAML returns untyped maps for YAML mappings.
	static List<Map<String, Object>> yamlDocuments(String relativePath) {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve(relativePath))) {
			List<Map<String, Object>> documents = new ArrayList<>();
			for (Object document : new Yaml().loadAll(reader)) {
				if (document != null) {
					documents.add((Map<String, Object>) document);
				}
			}
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + relativePath, ex);
		}
	}

	/**
	 * Loads a JSON file.
	 * @param relativePath the path from the repository root
	 * @return the JSON tree
	 */
	static JsonNode json(String relativePath) {
		return JsonMapper.builder().build().readTree(ROOT.resolve(relativePath).toFile());
	}

	/**
	 * Returns every PromQL expression of the alert rules and the Grafana dashboard.
	 */
	@SuppressWarnings("unchecked") // SnakeYAML returns untyped maps for YAML mappings.
	static List<String> monitoringExpressions() {
		List<String> expressions = new ArrayList<>();
		for (Object group : (List<Object>) yaml("deploy/monitoring/alerts.yml").get("groups")) {
			for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
				expressions.add((String) ((Map<String, Object>) rule).get("expr"));
			}
		}
		for (JsonNode panel : json("deploy/monitoring/grafana-dashboard.json").path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.path("expr").asString());
			}
		}
		return expressions;
	}

	/**
	 * Extracts the metric names a PromQL expression reads: identifiers that are not
	 * functions, keywords, label names or grouping labels.
	 * @param expression the PromQL expression
	 * @return the metric names
	 */
	static Set<String> metricNames(String expression) {
		String stripped = SELECTOR.matcher(expression).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = NAME.matcher(stripped);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (!KEYWORDS.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

}
