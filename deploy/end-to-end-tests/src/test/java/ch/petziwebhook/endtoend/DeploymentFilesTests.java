package ch.petziwebhook.endtoend;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of the deployment files that need no running system: the compose file, the
 * Kubernetes manifests, the alert rules and the Grafana dashboard. No Docker engine or
 * cluster exists on the build machines, so these checks are what keeps the files honest.
 */
@SuppressWarnings("unchecked") // SnakeYAML returns untyped maps for YAML mappings.
class DeploymentFilesTests {

	private static final List<String> SERVICES = List.of("ingest-service", "projector-service", "dashboard-service");

	private static final List<String> MANIFESTS = List.of("config.yaml", "ingest-service.yaml",
			"projector-service.yaml", "dashboard-service.yaml");

	@Test
	void composeDefinesWholeStack() {
		Map<String, Object> services = composeServices();

		assertThat(services).containsKeys("kafka", "kafka-topics", "postgres");
		assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
	}

	@Test
	void composePinsEveryImage() {
		for (Map.Entry<String, Object> service : composeServices().entrySet()) {
			String image = (String) ((Map<String, Object>) service.getValue()).get("image");
			if (image != null) {
				assertThat(image).as(service.getKey()).matches("[^:]+:[0-9][^:]*");
			}
		}
	}

	@Test
	void composeStartsPostgresWithReadModelSettings() throws Exception {
		List<String> settings = Files.readAllLines(DeploymentFiles.ROOT.resolve("deploy/postgres/read-model.conf"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((line) -> line.replaceAll("\\s*=\\s*", "="))
			.toList();
		List<String> command = (List<String>) ((Map<String, Object>) composeServices().get("postgres")).get("command");

		assertThat(settings).hasSize(4);
		for (String setting : settings) {
			assertThat(command).as(setting).containsSubsequence("-c", setting);
		}
	}

	@Test
	void composeDependenciesExist() {
		Map<String, Object> services = composeServices();
		for (Map.Entry<String, Object> service : services.entrySet()) {
			Object dependsOn = ((Map<String, Object>) service.getValue()).get("depends_on");
			if (dependsOn instanceof Map<?, ?> targets) {
				assertThat(services.keySet()).as(service.getKey()).containsAll((Set<String>) targets.keySet());
			}
		}
	}

	@Test
	void composeBuildsServicesWithHealthChecks() {
		Map<String, Object> services = composeServices();
		for (String name : SERVICES) {
			Map<String, Object> service = (Map<String, Object>) services.get(name);
			String dockerfile = (String) ((Map<String, Object>) service.get("build")).get("dockerfile");

			assertThat(Files.isRegularFile(DeploymentFiles.ROOT.resolve(dockerfile))).as(dockerfile).isTrue();
			assertThat(service).as(name).containsKey("healthcheck");
		}
	}

	@Test
	void dockerfilesRunAsNonRoot() throws Exception {
		for (String name : SERVICES) {
			String dockerfile = Files.readString(DeploymentFiles.ROOT.resolve(name).resolve("Dockerfile"));

			assertThat(dockerfile).as(name).containsPattern("(?m)^USER [a-z]+$");
		}
	}

	@Test
	void kustomizationListsEveryManifest() {
		List<String> resources = (List<String>) DeploymentFiles.yaml("deploy/kubernetes/kustomization.yaml")
			.get("resources");

		assertThat(resources).containsExactlyInAnyOrderElementsOf(MANIFESTS);
	}

	@Test
	void workloadsHaveProbesAndLimits() {
		for (String name : SERVICES) {
			Map<String, Object> container = container(workload(name));

			assertThat(httpGetPath(container, "livenessProbe")).as(name).isEqualTo("/actuator/health/liveness");
			assertThat(httpGetPath(container, "readinessProbe")).as(name).isEqualTo("/actuator/health/readiness");
			assertThat(httpGetPath(container, "startupProbe")).as(name).isEqualTo("/actuator/health/liveness");
			assertThat((Map<String, Object>) container.get("resources")).as(name).containsKeys("requests", "limits");
		}
	}

	@Test
	void workloadsRunAsNonRoot() {
		for (String name : SERVICES) {
			Map<String, Object> podSpec = podSpec(workload(name));

			assertThat((Map<String, Object>) podSpec.get("securityContext")).as(name)
				.containsEntry("runAsNonRoot", true);
		}
	}

	@Test
	void workloadsReferenceSharedConfiguration() {
		for (String name : SERVICES) {
			String container = container(workload(name)).toString();

			assertThat(container).as(name).contains("configMapRef={name=petzi-config}");
			assertThat(container).as(name).contains("secretKeyRef={name=petzi-secrets");
		}
		assertThat(DeploymentFiles.yaml("deploy/kubernetes/config.yaml")).containsEntry("kind", "ConfigMap");
	}

	@Test
	void servicesAndBudgetsSelectTheirPods() {
		for (String name : SERVICES) {
			List<Map<String, Object>> documents = DeploymentFiles.yamlDocuments("deploy/kubernetes/" + name + ".yaml");
			Map<String, Object> podLabels = (Map<String, Object>) ((Map<String, Object>) podTemplate(workload(name))
				.get("metadata")).get("labels");

			Map<String, Object> service = ofKind(documents, "Service");
			Map<String, Object> budget = ofKind(documents, "PodDisruptionBudget");
			Map<String, Object> serviceSelector = (Map<String, Object>) spec(service).get("selector");
			Map<String, Object> budgetSelector = (Map<String, Object>) ((Map<String, Object>) spec(budget)
				.get("selector")).get("matchLabels");

			assertThat(podLabels).as(name).containsAllEntriesOf(serviceSelector);
			assertThat(podLabels).as(name).containsAllEntriesOf(budgetSelector);
		}
	}

	@Test
	void alertRulesAreComplete() {
		List<Map<String, Object>> groups = (List<Map<String, Object>>) DeploymentFiles
			.yaml("deploy/monitoring/alerts.yml")
			.get("groups");
		Set<String> alerts = groups.stream()
			.flatMap((group) -> ((List<Map<String, Object>>) group.get("rules")).stream())
			.peek(DeploymentFilesTests::assertRuleComplete)
			.map((rule) -> (String) rule.get("alert"))
			.collect(Collectors.toSet());

		assertThat(alerts).contains("PetziServiceDown", "PetziProjectorLagGrowing", "PetziDeadLetter",
				"PetziWebhookRejectionRateHigh", "PetziSpoolNotDraining");
	}

	@Test
	void prometheusScrapesEveryService() {
		List<Map<String, Object>> jobs = (List<Map<String, Object>>) DeploymentFiles
			.yaml("deploy/monitoring/prometheus.yml")
			.get("scrape_configs");

		assertThat(jobs).extracting((job) -> job.get("job_name"))
			.containsExactlyInAnyOrder("petzi-ingest", "petzi-projector", "petzi-dashboard");
		assertThat(jobs).allSatisfy((job) -> assertThat(job).containsEntry("metrics_path", "/actuator/prometheus"));
	}

	@Test
	void grafanaPanelsHaveQueries() {
		JsonNode panels = DeploymentFiles.json("deploy/monitoring/grafana-dashboard.json").path("panels");

		assertThat(panels.size()).isGreaterThan(0);
		for (JsonNode panel : panels) {
			assertThat(panel.path("targets").size()).as(panel.path("title").asString()).isGreaterThan(0);
		}
	}

	@Test
	void extractsMetricNamesFromPromql() {
		String expression = "sum by (status) (rate(petzi_total{job=\"x\", uri=~\"/a|/b\"}[5m])) / max(up_time) > 0.2"
				+ " and deriv(lag_max[15m:1m]) > 0";

		assertThat(DeploymentFiles.metricNames(expression)).containsExactlyInAnyOrder("petzi_total", "up_time",
				"lag_max");
	}

	private static void assertRuleComplete(Map<String, Object> rule) {
		Object name = rule.get("alert");
		assertThat(rule).as("rule %s", name).containsKeys("alert", "expr", "labels", "annotations");
		assertThat((Map<String, Object>) rule.get("labels")).as("rule %s", name).containsKey("severity");
		assertThat((Map<String, Object>) rule.get("annotations")).as("rule %s", name).containsKey("summary");
	}

	private static Map<String, Object> composeServices() {
		return (Map<String, Object>) DeploymentFiles.yaml("docker-compose.yml").get("services");
	}

	private static Map<String, Object> workload(String name) {
		List<Map<String, Object>> documents = DeploymentFiles.yamlDocuments("deploy/kubernetes/" + name + ".yaml");
		return documents.stream()
			.filter((document) -> Set.of("Deployment", "StatefulSet").contains(document.get("kind")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Deployment or StatefulSet in " + name + ".yaml"));
	}

	private static Map<String, Object> ofKind(List<Map<String, Object>> documents, String kind) {
		return documents.stream()
			.filter((document) -> kind.equals(document.get("kind")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind));
	}

	private static Map<String, Object> spec(Map<String, Object> document) {
		return (Map<String, Object>) document.get("spec");
	}

	private static Map<String, Object> podTemplate(Map<String, Object> workload) {
		return (Map<String, Object>) spec(workload).get("template");
	}

	private static Map<String, Object> podSpec(Map<String, Object> workload) {
		return (Map<String, Object>) podTemplate(workload).get("spec");
	}

	private static Map<String, Object> container(Map<String, Object> workload) {
		return ((List<Map<String, Object>>) podSpec(workload).get("containers")).get(0);
	}

	private static String httpGetPath(Map<String, Object> container, String probe) {
		Map<String, Object> httpGet = (Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet");
		return (String) httpGet.get("path");
	}

}
