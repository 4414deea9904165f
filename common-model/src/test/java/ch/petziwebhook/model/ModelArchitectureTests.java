package ch.petziwebhook.model;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "ch.petziwebhook.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ModelArchitectureTests {

	@ArchTest
	static final ArchRule modelIsFreeOfSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..");

}
